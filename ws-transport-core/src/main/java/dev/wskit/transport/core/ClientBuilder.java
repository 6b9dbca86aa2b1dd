package dev.wskit.transport.core;

import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.proxy.HttpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings every wskit client has, with the same names, defaults and checks on every
 * transport. A transport's client builder extends this with its own options (event loops, TLS)
 * and builds from {@link #settings()}. Each setter checks its argument at once.
 *
 * @param <B> the transport's builder, which every setter returns
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {
    private WebSocketConfig config = WebSocketConfig.defaults();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private String origin;
    private HttpProxy proxy;
    private ConnectionListener listener = ConnectionListener.NONE;

    /** For a transport's client builder; every setting starts at its default. */
    protected ClientBuilder() {
    }

    /**
     * Limits, timeouts, compression and the subprotocols offered; default
     * {@link WebSocketConfig#defaults()}.
     *
     * @param config the connection settings; not {@code null}
     * @return this builder
     */
    public final B config(WebSocketConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return self();
    }

    /**
     * Bounds the TCP connect, through a {@link #proxy} the {@code CONNECT} exchange too, and the TLS
     * handshake; default 10 s. The HTTP upgrade has the config's handshake timeout.
     *
     * @param connectTimeout the timeout; above zero
     * @return this builder
     */
    public final B connectTimeout(Duration connectTimeout) {
        this.connectTimeout = ArgumentChecks.positive(connectTimeout, "connectTimeout");
        return self();
    }

    /**
     * An extra header field on every opening request (cookies, authorization; RFC 6455 §4.1 item
     * 12); may be called again for more. A field the handshake writes itself is refused.
     *
     * @param name the field's name; an HTTP token
     * @param value the field's value; no control characters
     * @return this builder
     */
    public final B header(String name, String value) {
        ClientHandshake.checkHeader(name, value);
        headers.add(Map.entry(name, value));
        return self();
    }

    /**
     * The {@code Origin} to send (RFC 6455 §4.1 item 8); default none.
     *
     * @param origin the origin, as {@code https://example.com} (RFC 6454 §6.2)
     * @return this builder
     */
    public final B origin(String origin) {
        ClientHandshake.checkOrigin(origin);
        this.origin = origin;
        return self();
    }

    /**
     * Connects through this HTTP proxy: a tunnel by {@code CONNECT} (RFC 9110 §9.3.6) for
     * {@code ws} and {@code wss} alike, TLS inside it checked against the server's host; default
     * none. A proxy that does not open the tunnel fails the connect with a
     * {@link dev.wskit.protocol.proxy.ProxyConnectException}.
     *
     * @param proxy the proxy; not {@code null}
     * @return this builder
     */
    public final B proxy(HttpProxy proxy) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        return self();
    }

    /**
     * Hears the life of every connection (see {@link ConnectionListener}), besides the JDK Flight
     * Recorder events every server and client records when a recording enables them
     * ({@link dev.wskit.transport.core.jfr.JfrConnectionListener}); default none. The later call wins.
     *
     * @param listener the listener; not {@code null}
     * @return this builder
     */
    public final B listener(ConnectionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }

    /**
     * The settings as they are now, for the transport's {@code build()}.
     *
     * @return the settings, with the JDK Flight Recorder's listener added to the one set here
     */
    protected final ClientSettings settings() {
        return new ClientSettings(config, connectTimeout, headers, origin, proxy, ConnectionListeners.withJfr(listener));
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
