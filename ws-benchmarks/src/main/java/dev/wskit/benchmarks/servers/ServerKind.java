package dev.wskit.benchmarks.servers;

import java.util.Locale;

/** The echo servers the load benchmark compares, by the names the command line and the report use. */
public enum ServerKind {
    NETTY_OWN("netty-own"),
    VERTX_OWN("vertx-own"),
    WSKIT_NETTY("wskit-netty"),
    WSKIT_VERTX("wskit-vertx"),
    WSKIT_BLOCKING("wskit-blocking"),
    /** Not WebSocket: the ceiling of the load tool and the socket layer. */
    RAW_TCP("raw-tcp");

    private final String id;

    ServerKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Whether the server speaks WebSocket (all but raw TCP). */
    public boolean webSocket() {
        return this != RAW_TCP;
    }

    public static ServerKind of(String id) {
        for (ServerKind kind : values()) {
            if (kind.id.equals(id.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown server: " + id);
    }

    /**
     * Starts this server on {@code host:port} (0: a free port) with the load benchmark's
     * {@link EchoProfile#BENCHMARK} limits. {@code threads} is the number of event loops of the
     * Netty and Vert.x servers; the blocking server has a thread per connection.
     */
    public EchoServer start(String host, int port, int threads) throws Exception {
        return start(host, port, threads, EchoProfile.BENCHMARK);
    }

    /** Starts this server allowing what {@code profile} allows (raw TCP has nothing to allow). */
    public EchoServer start(String host, int port, int threads, EchoProfile profile) throws Exception {
        switch (this) {
            case NETTY_OWN:
                return NettyOwnEchoServer.start(host, port, threads, profile);
            case VERTX_OWN:
                return VertxOwnEchoServer.start(host, port, threads, profile);
            case WSKIT_NETTY:
                return WskitEchoServers.netty(host, port, threads, profile);
            case WSKIT_VERTX:
                return WskitEchoServers.vertx(host, port, threads, profile);
            case WSKIT_BLOCKING:
                return WskitEchoServers.blocking(host, port, profile);
            case RAW_TCP:
                return RawTcpEchoServer.start(host, port, threads);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Starts this stack's broadcast server on {@code host:port} (0: a free port), with the
     * {@link EchoProfile#BENCHMARK} limits: a message from one connection is sent to every other
     * open connection (see {@link NettyOwnBroadcastServer}, {@link VertxOwnBroadcastServer},
     * {@link WskitBroadcast}); for raw TCP, every byte read from one connection is
     * ({@link RawTcpFanOutServer}).
     */
    public EchoServer startBroadcast(String host, int port, int threads) throws Exception {
        EchoProfile profile = EchoProfile.BENCHMARK;
        switch (this) {
            case NETTY_OWN:
                return NettyOwnBroadcastServer.start(host, port, threads);
            case VERTX_OWN:
                return VertxOwnBroadcastServer.start(host, port, threads);
            case WSKIT_NETTY:
                return WskitEchoServers.netty(host, port, threads, profile, new WskitBroadcast());
            case WSKIT_VERTX:
                return WskitEchoServers.vertx(host, port, threads, profile, new WskitBroadcast());
            case WSKIT_BLOCKING:
                return WskitEchoServers.blocking(host, port, profile, new WskitBroadcast());
            case RAW_TCP:
                return RawTcpFanOutServer.start(host, port, threads);
            default:
                throw new AssertionError(this);
        }
    }
}
