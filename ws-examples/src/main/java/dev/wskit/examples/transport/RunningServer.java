package dev.wskit.examples.transport;

import java.net.URI;

/** A server an app started, on whichever transport: where it listens, and how it stops. */
public final class RunningServer {
    private final String host;
    private final int port;
    private final boolean tls;
    private final Runnable stop;

    RunningServer(String host, int port, Runnable stop) {
        this(host, port, false, stop);
    }

    RunningServer(String host, int port, boolean tls, Runnable stop) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.stop = stop;
    }

    /** The scheme of the server's pages: {@code https} over TLS, else {@code http}. */
    public String httpScheme() {
        return tls ? "https" : "http";
    }

    /** The scheme of the server's WebSockets: {@code wss} over TLS, else {@code ws}. */
    public String webSocketScheme() {
        return tls ? "wss" : "ws";
    }

    /**
     * {@code scheme://host:port path}, with the bound port (the one chosen for port 0) and an IPv6
     * literal in brackets (RFC 3986 §3.2.2).
     */
    public URI uri(String scheme, String path) {
        String authority = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + authority + ":" + port + path);
    }

    /**
     * Stops accepting, closes every open connection with {@code 1001 GOING_AWAY}, waits up to the
     * configuration's close timeout for the closing handshakes, and releases the transport's threads.
     */
    public void stop() {
        stop.run();
    }
}
