package dev.wskit.transport.core;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The settings every wskit server has, with the same names, defaults and checks on every
 * transport. A transport's server builder extends this with its own options (event loops,
 * executors, TLS) and builds from {@link #settings()}. Each setter checks its argument at once
 * (see {@link ArgumentChecks} for the messages).
 *
 * @param <B> the transport's builder, which every setter returns
 */
public abstract class ServerBuilder<B extends ServerBuilder<B>> {
    private String host = "127.0.0.1";
    private int port;
    private WebSocketConfig config = WebSocketConfig.defaults();
    private Supplier<? extends WebSocketHandler> handlers;

    protected ServerBuilder() {
    }

    /** The address to listen on, a name or an IP address; default {@code 127.0.0.1}, this machine only. */
    public final B host(String host) {
        this.host = ArgumentChecks.host(host);
        return self();
    }

    /** The port, 0 to 65535; 0 (the default) picks a free one, which the server's {@code port()} tells once started. */
    public final B port(int port) {
        this.port = ArgumentChecks.port(port);
        return self();
    }

    /** Limits, timeouts, subprotocols, compression and origin policy; default {@link WebSocketConfig#defaults()}. */
    public final B config(WebSocketConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        return self();
    }

    /** Makes the handler of each connection, once per connection accepted; required. */
    public final B handler(Supplier<? extends WebSocketHandler> handlers) {
        this.handlers = Objects.requireNonNull(handlers, "handler");
        return self();
    }

    /**
     * The server, not started yet.
     *
     * @throws IllegalStateException when no {@link #handler} was set
     */
    public abstract WebSocketServer build();

    /**
     * The settings as they are now, for the transport's {@link #build()}.
     *
     * @throws IllegalStateException when no {@link #handler} was set
     */
    protected final ServerSettings settings() {
        if (handlers == null) {
            throw new IllegalStateException("no handler: call handler(...) before build()");
        }
        return new ServerSettings(host, port, config, handlers);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
