package dev.wskit.protocol.engine;

import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.http.HttpResponse;
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
 * A server's answer to a request carries the response it encodes, for a transport whose own HTTP
 * stack writes responses.
 */
final class OutboundQueue {
    /**
     * The first buffer queued, or {@code null} when none is; a step usually queues one frame, and
     * an idle connection none, so only {@link #rest} needs a collection, and only while it holds
     * something.
     */
    private ByteBuffer first;
    /** The buffers queued after {@link #first}, or {@code null} when there are none. */
    private ArrayDeque<ByteBuffer> rest;
    private long pendingBytes;
    private ByteBuffer waitingPong;
    /** Buffers carrying a release or an answer, in queue order, and what they carry; created with the first. */
    private ArrayDeque<ByteBuffer> tagged;
    private ArrayDeque<Tag> tags;
    private PayloadRelease releaseOfPolled;
    private HttpResponse answerOfPolled;

    /** What a buffer carries besides its bytes: one of the two. */
    private record Tag(PayloadRelease release, HttpResponse answer) {
    }

    void add(ByteBuffer buffer) {
        if (first == null) {
            first = buffer;
        } else {
            if (rest == null) {
                rest = new ArrayDeque<>(4);
            }
            rest.addLast(buffer);
        }
        pendingBytes += buffer.remaining();
    }

    /** Queues {@code buffer} with the release of the memory it lies in. */
    void add(ByteBuffer buffer, PayloadRelease release) {
        addTagged(buffer, new Tag(release, null));
    }

    /** Queues the bytes of a server's {@code answer}, with the answer. */
    void add(ByteBuffer buffer, HttpResponse answer) {
        addTagged(buffer, new Tag(null, answer));
    }

    private void addTagged(ByteBuffer buffer, Tag tag) {
        add(buffer);
        if (tagged == null) {
            tagged = new ArrayDeque<>(4);
            tags = new ArrayDeque<>(4);
        }
        tagged.addLast(buffer);
        tags.addLast(tag);
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
        ByteBuffer next = first;
        first = nextOfRest();
        releaseOfPolled = null;
        answerOfPolled = null;
        if (next != null) {
            pendingBytes -= next.remaining();
            if (next == waitingPong) {
                waitingPong = null;
            }
            if (tagged != null && tagged.peekFirst() == next) {
                tagged.pollFirst();
                Tag tag = tags.pollFirst();
                releaseOfPolled = tag.release();
                answerOfPolled = tag.answer();
                if (answerOfPolled != null && tagged.isEmpty()) {
                    // Answers come before the open only: an open connection need not keep these.
                    tagged = null;
                    tags = null;
                }
            }
        }
        return next;
    }

    /** The release the buffer just polled carries, now the transport's to run; usually {@code null}. */
    PayloadRelease releaseOfPolled() {
        return releaseOfPolled;
    }

    /** The answer the buffer just polled encodes, or {@code null} when it is not one. */
    HttpResponse answerOfPolled() {
        return answerOfPolled;
    }

    /** Takes the head of {@link #rest}, letting the collection go once it is empty. */
    private ByteBuffer nextOfRest() {
        if (rest == null) {
            return null;
        }
        ByteBuffer next = rest.pollFirst();
        if (rest.isEmpty()) {
            rest = null;
        }
        return next;
    }

    boolean isEmpty() {
        return first == null;
    }

    long pendingBytes() {
        return pendingBytes;
    }

    /** Drops everything not yet taken, releasing it: nothing more will be written. */
    void clear() {
        first = null;
        rest = null;
        pendingBytes = 0;
        waitingPong = null;
        if (tagged != null) {
            tagged.clear();
            for (Tag tag; (tag = tags.pollFirst()) != null; ) {
                if (tag.release() != null) {
                    tag.release().release();
                }
            }
        }
    }

    // ByteBuffer.equals compares content, so another frame with the same bytes must not be hit.
    private void removeByIdentity(ByteBuffer target) {
        if (first == target) {
            first = nextOfRest();
            pendingBytes -= target.remaining();
            return;
        }
        if (rest == null) {
            return;
        }
        for (Iterator<ByteBuffer> it = rest.iterator(); it.hasNext(); ) {
            ByteBuffer b = it.next();
            if (b == target) {
                it.remove();
                pendingBytes -= b.remaining();
                return;
            }
        }
    }
}
