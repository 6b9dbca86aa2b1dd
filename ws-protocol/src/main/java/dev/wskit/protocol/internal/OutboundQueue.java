package dev.wskit.protocol.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Encoded bytes waiting for the transport, in order, with their total for backpressure. Pongs
 * take a single slot: a pong still waiting is replaced by the newer one (RFC 6455 §5.5.3
 * allows answering only the most recent ping), so a ping flood cannot grow the queue.
 */
public final class OutboundQueue {
    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
    private long pendingBytes;
    private ByteBuffer waitingPong;

    public void add(ByteBuffer buffer) {
        buffers.addLast(buffer);
        pendingBytes += buffer.remaining();
    }

    /** Queues a pong frame, dropping the one still waiting, if any. */
    public void addPong(ByteBuffer pong) {
        if (waitingPong != null) {
            removeByIdentity(waitingPong);
        }
        waitingPong = pong;
        add(pong);
    }

    /** The next buffer to write, or {@code null}; the transport owns it from now on. */
    public ByteBuffer poll() {
        ByteBuffer next = buffers.pollFirst();
        if (next != null) {
            pendingBytes -= next.remaining();
            if (next == waitingPong) {
                waitingPong = null;
            }
        }
        return next;
    }

    public boolean isEmpty() {
        return buffers.isEmpty();
    }

    public long pendingBytes() {
        return pendingBytes;
    }

    /** Drops everything not yet taken: nothing more will be written. */
    public void clear() {
        buffers.clear();
        pendingBytes = 0;
        waitingPong = null;
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
