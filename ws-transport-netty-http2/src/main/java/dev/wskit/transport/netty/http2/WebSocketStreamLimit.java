package dev.wskit.transport.netty.http2;

/**
 * The WebSocket streams one HTTP/2 connection may hold open at once. Used on the connection's
 * event loop only, which its streams share, so it needs no lock.
 */
final class WebSocketStreamLimit {
    private final int max;
    private int open;

    WebSocketStreamLimit(int max) {
        this.max = max;
    }

    /** Takes a place for a new WebSocket stream; {@code false} when all are taken. */
    boolean tryTake() {
        if (open >= max) {
            return false;
        }
        open++;
        return true;
    }

    void release() {
        open--;
    }
}
