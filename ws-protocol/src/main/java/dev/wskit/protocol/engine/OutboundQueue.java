package dev.wskit.protocol.engine;

import dev.wskit.protocol.PayloadRelease;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Encoded bytes waiting for the transport, in order, with their total for backpressure. Pongs
 * take a single slot: a pong still waiting is replaced by the newer one (RFC 6455 §5.5.3
 * allows answering only the most recent ping), so a ping flood cannot grow the queue.
 *
 * <p>A buffer may carry a release: the caller's memory it lies in (a handed-over payload) is
 * freed by running it. Polling hands the release on to the transport, which runs it once the
 * bytes are written; {@link #clear()} runs the releases of what was never polled. Each runs once.
 */
final class OutboundQueue {
    /** Small at first: an idle connection holds one per connection, and it grows as needed. */
    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>(4);
    private long pendingBytes;
    private ByteBuffer waitingPong;
    /** Buffers carrying a release, in queue order, and their releases; created with the first. */
    private ArrayDeque<ByteBuffer> released;
    private ArrayDeque<PayloadRelease> releases;
    private PayloadRelease releaseOfPolled;

    void add(ByteBuffer buffer) {
        buffers.addLast(buffer);
        pendingBytes += buffer.remaining();
    }

    /** Queues {@code buffer} with the release of the memory it lies in. */
    void add(ByteBuffer buffer, PayloadRelease release) {
        add(buffer);
        if (released == null) {
            released = new ArrayDeque<>(4);
            releases = new ArrayDeque<>(4);
        }
        released.addLast(buffer);
        releases.addLast(release);
    }

    /** Queues a pong frame, dropping the one still waiting, if any. */
    void addPong(ByteBuffer pong) {
        if (waitingPong != null) {
            removeByIdentity(waitingPong);
        }
        waitingPong = pong;
        add(pong);
    }

    /** The next buffer to write, or {@code null}; the transport owns it from now on. */
    ByteBuffer poll() {
        ByteBuffer next = buffers.pollFirst();
        releaseOfPolled = null;
        if (next != null) {
            pendingBytes -= next.remaining();
            if (next == waitingPong) {
                waitingPong = null;
            }
            if (released != null && released.peekFirst() == next) {
                released.pollFirst();
                releaseOfPolled = releases.pollFirst();
            }
        }
        return next;
    }

    /** The release the buffer just polled carries, now the transport's to run; usually {@code null}. */
    PayloadRelease releaseOfPolled() {
        return releaseOfPolled;
    }

    boolean isEmpty() {
        return buffers.isEmpty();
    }

    long pendingBytes() {
        return pendingBytes;
    }

    /** Drops everything not yet taken, releasing it: nothing more will be written. */
    void clear() {
        buffers.clear();
        pendingBytes = 0;
        waitingPong = null;
        if (released != null) {
            released.clear();
            for (PayloadRelease release; (release = releases.pollFirst()) != null; ) {
                release.release();
            }
        }
    }

    // ByteBuffer.equals compares content, so another frame with the same bytes must not be hit.
    private void removeByIdentity(ByteBuffer target) {
        for (Iterator<ByteBuffer> it = buffers.iterator(); it.hasNext(); ) {
            ByteBuffer b = it.next();
            if (b == target) {
                it.remove();
                pendingBytes -= b.remaining();
                return;
            }
        }
    }
}
