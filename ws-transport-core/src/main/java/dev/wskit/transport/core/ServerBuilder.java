package dev.wskit.transport.core;

import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.upgrade.UpgradeDecider;
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
    private UpgradeDecider decider;
    private long memoryBudget;
    private int maxConnections = 10_000;
    private int maxConnectionsPerAddress = Integer.MAX_VALUE;
    private ConnectionListener listener = ConnectionListener.NONE;
    private WireTrace wireTrace;

    /** For a transport's server builder; every setting starts at its default. */
    protected ServerBuilder() {
    }

    /**
     * The address to listen on, a name or an IP address; default {@code 127.0.0.1}, this machine
     * only.
     *
     * @param host a host name or an IP address; not empty
     * @return this builder
     */
    public final B host(String host) {
        this.host = ArgumentChecks.host(host);
        return self();
    }

    /**
     * The port, 0 to 65535; 0 (the default) picks a free one, which the server's {@code port()}
     * tells once started.
     *
     * @param port the port, 0 to 65535
     * @return this builder
     */
    public final B port(int port) {
        this.port = ArgumentChecks.port(port);
        return self();
    }

    /**
     * Limits, timeouts, subprotocols, compression and origin policy; default
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
     * Makes the handler of each connection, once per TCP connection accepted, and accepts every
     * valid upgrade with it; the handler also hears a failed opening handshake ({@code onError}).
     * This or {@link #upgrade} is required; the later call wins.
     *
     * @param handlers makes one handler per connection; not {@code null}
     * @return this builder
     */
    public final B handler(Supplier<? extends WebSocketHandler> handlers) {
        this.handlers = Objects.requireNonNull(handlers, "handler");
        this.decider = null;
        return self();
    }

    /**
     * Decides each valid upgrade request before the {@code 101}: accept with a handler, reject with
     * a status, or later (see {@link UpgradeDecider}; {@link dev.wskit.protocol.upgrade.Routes}
     * routes by path). This or {@link #handler} is required; the later call wins.
     *
     * @param decider the decider; not {@code null}
     * @return this builder
     */
    public final B upgrade(UpgradeDecider decider) {
        this.decider = Objects.requireNonNull(decider, "decider");
        this.handlers = null;
        return self();
    }

    /**
     * The memory all connections together may make the server hold: messages being reassembled
     * or inflated, output their peers do not read. When it runs short, the connections holding the
     * most are closed with {@code 1013} (see {@link MemoryBudget}). Default: an eighth of the
     * maximum heap ({@code -Xmx}), read when the server is built.
     *
     * @param bytes the budget in bytes; at least 1
     * @return this builder
     */
    public final B memoryBudget(long bytes) {
        this.memoryBudget = ArgumentChecks.positive(bytes, "memoryBudget");
        return self();
    }

    /**
     * Open connections at most; default 10 000, a bound on the memory and threads connections
     * hold, well above what one server is usually asked to keep.
     * A connection beyond it is still accepted, its request read as usual and, when it is a valid
     * upgrade (or a plain request for the configuration's HTTP handler), answered
     * {@code 503 Service Unavailable} with {@code Retry-After} before a decider or the HTTP
     * handler sees it; then it closes. Invalid requests keep their own {@code 4xx}. With
     * {@link #handler}, the factory still makes a handler for it, which hears nothing. A
     * connection counts from its acceptance until it has closed, whatever it became (WebSocket,
     * plain HTTP, nothing yet); those being refused do not count, so a flood of them cannot keep
     * the server full (the blocking server, whose connections hold a thread each, still closes
     * at once those beyond a hard cap above this). Each server counts its own: Vert.x servers sharing a port (verticles) each
     * allow this many, and a mount on an HTTP server of the application's is that server's to
     * limit.
     *
     * @param maxConnections the limit; at least 1
     * @return this builder
     */
    public final B maxConnections(int maxConnections) {
        this.maxConnections = ArgumentChecks.positive(maxConnections, "maxConnections");
        return self();
    }

    /**
     * Open connections at most from one IP address (its ports do not matter), refused as
     * {@link #maxConnections} is beyond it; default unlimited. There is no default bound because
     * an address is often not one client: behind a reverse proxy or load balancer every
     * connection comes from the proxy's address, and many users share the address of one NAT,
     * so a bound this server cannot know would refuse them. Set it when clients reach the server
     * directly; a connection with no IP address (not on TCP/IP) counts only in the total.
     *
     * @param maxConnectionsPerAddress the limit; at least 1
     * @return this builder
     */
    public final B maxConnectionsPerAddress(int maxConnectionsPerAddress) {
        this.maxConnectionsPerAddress = ArgumentChecks.positive(maxConnectionsPerAddress, "maxConnectionsPerAddress");
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
     * Records chosen connections to files, both directions and all that decided their course, for
     * {@code inspect --replay} (see {@link WireTrace}); default none. The later call wins.
     *
     * @param trace where and which connections to record; not {@code null}
     * @return this builder
     */
    public final B wireTrace(WireTrace trace) {
        this.wireTrace = Objects.requireNonNull(trace, "trace");
        return self();
    }

    /**
     * The server, not started yet.
     *
     * @return the server, not started: {@link WebSocketServer#start()} binds it
     * @throws IllegalStateException when neither {@link #handler} nor {@link #upgrade} was set
     */
    public abstract WebSocketServer build();

    /**
     * The settings as they are now, for the transport's {@link #build()}.
     *
     * @return the settings, with the JDK Flight Recorder's listener added to the one set here
     * @throws IllegalStateException when neither {@link #handler} nor {@link #upgrade} was set
     */
    protected final ServerSettings settings() {
        if (handlers == null && decider == null) {
            throw new IllegalStateException("no handler: call handler(...) or upgrade(...) before build()");
        }
        MemoryBudget memory = memoryBudget > 0 ? new MemoryBudget(memoryBudget) : MemoryBudget.ofHeap();
        return new ServerSettings(host, port, config, handlers, decider, memory,
                new ConnectionLimits(maxConnections, maxConnectionsPerAddress), ConnectionListeners.withJfr(listener),
                wireTrace);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
