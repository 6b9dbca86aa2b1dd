package dev.wskit.examples.transport;

import dev.wskit.protocol.WebSocket;

/** An open client connection and the transport resources that carry it (threads, event loops). */
public final class ClientConnection implements AutoCloseable {
    private final WebSocket socket;
    private final Runnable release;

    ClientConnection(WebSocket socket, Runnable release) {
        this.socket = socket;
        this.release = release;
    }

    /** The connection; safe to use from any thread on every transport. */
    public WebSocket socket() {
        return socket;
    }

    /**
     * Releases the transport. Close the socket and wait for {@code onClose} first: a connection
     * still open here ends without a closing handshake on some transports.
     */
    @Override
    public void close() {
        release.run();
    }
}
