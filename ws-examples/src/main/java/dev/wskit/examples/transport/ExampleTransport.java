package dev.wskit.examples.transport;

import dev.wskit.examples.CommandLine;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.transport.core.ServerBuilder;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The transports an app can run on, chosen with {@code --transport}. The same handler runs on
 * each; only this enum knows their APIs, and it turns their failures into the two an app reports.
 */
public enum ExampleTransport {
    BLOCKING(new BlockingTransport()),
    NETTY(new NettyTransport()),
    VERTX(new VertxTransport());

    /** The option's text for {@code --help}. */
    public static final String OPTION_HELP =
            "--transport blocking|netty|vertx   the transport to run on (default netty)";

    private final Transport transport;

    ExampleTransport(Transport transport) {
        this.transport = transport;
    }

    /** The transport {@code --transport} names; netty when absent. */
    public static ExampleTransport from(CommandLine line) {
        Set<String> names = Arrays.stream(values()).map(ExampleTransport::optionName).collect(Collectors.toSet());
        return valueOf(line.getChoice("transport", NETTY.optionName(), names).toUpperCase(Locale.ROOT));
    }

    /** The name {@code --transport} takes. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Binds {@code host:port} (0 for any free port); {@code decider} decides every upgrade.
     *
     * @throws IOException when the address cannot be bound (in use, not local), with the reason
     */
    public RunningServer startServer(String host, int port, WebSocketConfig config, UpgradeDecider decider)
            throws IOException {
        return startServer(host, port, config, decider, builder -> { });
    }

    /**
     * Binds {@code host:port} as above; {@code watching} sets what observes every connection (a
     * listener, a wire trace) on the transport's server builder.
     *
     * @throws IOException when the address cannot be bound (in use, not local), with the reason
     */
    public RunningServer startServer(String host, int port, WebSocketConfig config, UpgradeDecider decider,
                                     Consumer<? super ServerBuilder<?>> watching) throws IOException {
        try {
            return transport.start(host, port, config, decider, watching);
        } catch (IOException failed) {
            // Every server's start names the address and why it could not be bound.
            throw failed;
        } catch (Exception failed) {
            throw new IOException("cannot listen on " + host + ":" + port + ": " + reason(failed), failed);
        }
    }

    /**
     * Binds {@code host:port} as above, serving WebSockets over HTTP/2 streams (RFC 8441, h2c with
     * prior knowledge) beside HTTP/1.1 ones on the port; Netty only.
     *
     * @throws IOException when the address cannot be bound (in use, not local), with the reason
     * @throws IllegalStateException on a transport other than Netty
     */
    public RunningServer startHttp2Server(String host, int port, WebSocketConfig config, UpgradeDecider decider,
                                          Consumer<? super ServerBuilder<?>> watching) throws IOException {
        if (this != NETTY) {
            throw new IllegalStateException("HTTP/2 is served by the netty transport only, not " + optionName());
        }
        try {
            return NettyTransport.startHttp2(host, port, config, decider, watching);
        } catch (IOException failed) {
            throw failed;
        } catch (RuntimeException failed) {
            throw new IOException("cannot listen on " + host + ":" + port + ": " + reason(failed), failed);
        }
    }

    /**
     * Binds {@code host:port} as above, serving {@code https} and {@code wss} with the certificate
     * and key in {@code tls}; with {@code http2}, ALPN offers h2 before http/1.1, and WebSockets on
     * h2 connections run over HTTP/2 streams (RFC 8441), as browsers open them. Netty only.
     *
     * @throws IOException when the certificate or key cannot be read, or the address cannot be bound
     * @throws IllegalStateException on a transport other than Netty
     */
    public RunningServer startTlsServer(String host, int port, TlsFiles tls, boolean http2, WebSocketConfig config,
                                        UpgradeDecider decider, Consumer<? super ServerBuilder<?>> watching)
            throws IOException {
        if (this != NETTY) {
            throw new IllegalStateException("TLS is served by the netty transport only, not " + optionName());
        }
        try {
            return NettyTransport.startTls(host, port, tls, http2, config, decider, watching);
        } catch (IOException failed) {
            throw failed;
        } catch (RuntimeException failed) {
            throw new IOException("cannot listen on " + host + ":" + port + ": " + reason(failed), failed);
        }
    }

    /**
     * Connects and completes the opening handshake; {@code handler} has seen {@code onOpen} when
     * this returns.
     *
     * @throws WebSocketException when the server's answer fails the handshake (the engine's verdict)
     * @throws IOException when TCP or TLS fails
     * @throws IllegalArgumentException for a URI or header the handshake refuses
     */
    public ClientConnection connect(URI uri, WebSocketConfig config, ClientOptions options,
                                    WebSocketHandler handler) throws IOException {
        try {
            return transport.connect(uri, config, options, handler);
        } catch (WebSocketException | IOException | IllegalArgumentException expected) {
            throw expected;
        } catch (Exception failed) {
            throw new IOException("cannot connect to " + uri + ": " + reason(failed), failed);
        }
    }

    /** The message of the innermost cause, which is the one that names the problem. */
    private static String reason(Throwable failed) {
        Throwable root = failed;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
