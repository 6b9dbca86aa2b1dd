package dev.wskit.benchmarks.attack;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What one attacking connection sends, written as the attack paces it: {@code prefix} once, then
 * {@code unit} over and over, up to {@code cap} bytes. Writes never block (a server that stops
 * reading stops the stream, which is its backpressure); a write that fails ends the stream, and
 * the connection's {@link Fate} tells how the server ended it.
 */
final class PeerStream {
    /** Units copied into one buffer, so that a fast stream is not limited by system calls. */
    private static final int UNIT_BUFFER_BYTES = 1 << 20;

    private final Peer peer;
    private final ByteBuffer prefix;
    private final ByteBuffer units;
    private final long cap;
    private long sent;
    private boolean failed;

    PeerStream(Peer peer, byte[] prefix, byte[] unit, long cap) throws IOException {
        this.peer = peer;
        this.prefix = ByteBuffer.wrap(prefix);
        this.units = ByteBuffer.wrap(unit.length == 0 ? unit : Frames.repeated(unit, Math.max(1, UNIT_BUFFER_BYTES / unit.length)));
        this.cap = cap;
        peer.nonBlocking();
    }

    /** Writes up to {@code most} bytes, what the socket takes; returns how many it did. */
    int write(int most) {
        if (done()) {
            return 0;
        }
        ByteBuffer out = prefix.hasRemaining() ? prefix : units;
        if (!out.hasRemaining()) {
            out.rewind();
        }
        int limit = out.limit();
        out.limit(out.position() + (int) Math.min(Math.min(most, cap - sent), out.remaining()));
        try {
            int n = peer.channel.write(out);
            sent += n;
            return n;
        } catch (IOException e) {
            failed = true;
            return 0;
        } finally {
            out.limit(limit);
        }
    }

    /** Capped, failed, or (with no unit) the prefix all written. */
    boolean done() {
        return failed || sent >= cap || (!prefix.hasRemaining() && units.capacity() == 0);
    }

    long sent() {
        return sent;
    }

    boolean failed() {
        return failed;
    }
}
