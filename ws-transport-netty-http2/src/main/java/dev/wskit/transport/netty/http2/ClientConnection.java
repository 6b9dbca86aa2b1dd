package dev.wskit.transport.netty.http2;

import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * One HTTP/2 connection of a client to a server, and how many WebSocket streams it carries
 * against how many the server allows at once (SETTINGS_MAX_CONCURRENT_STREAMS, RFC 9113 §5.1.2),
 * so the client opens another connection rather than a stream the server would refuse. Counted
 * under the client's lock.
 */
final class ClientConnection {
    /**
     * Assumed until the server's SETTINGS say otherwise: RFC 9113 §6.5.2 recommends that a server
     * allow no fewer than 100 streams, and a client opens its first streams before those SETTINGS.
     */
    static final long ASSUMED_MAX_STREAMS = 100;

    /** Completes with the connection once the server's SETTINGS allow extended CONNECT (RFC 8441 §3). */
    final CompletableFuture<Channel> ready = new CompletableFuture<>();
    private int streams;
    private volatile long maxStreams = ASSUMED_MAX_STREAMS;
    /** Whether the server sent GOAWAY: it takes no new stream here (RFC 9113 §6.8). */
    private volatile boolean goneAway;

    /** Whether a new WebSocket may go on this connection: it is (or may yet be) up, with room. */
    boolean hasRoom() {
        return !goneAway && !isGone() && streams < maxStreams;
    }

    /** Whether it failed to come up, or closed since. */
    boolean isGone() {
        return ready.isCompletedExceptionally() || (ready.isDone() && !ready.join().isActive());
    }

    void take() {
        streams++;
    }

    void release() {
        streams--;
    }

    /** The server sent GOAWAY: the streams it took go on, new ones go elsewhere. */
    void goneAway() {
        goneAway = true;
    }

    /** The server's SETTINGS_MAX_CONCURRENT_STREAMS, when its SETTINGS carry one. */
    void serverAllows(long max) {
        maxStreams = max;
    }
}
