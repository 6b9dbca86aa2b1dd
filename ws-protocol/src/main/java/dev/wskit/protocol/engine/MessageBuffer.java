package dev.wskit.protocol.engine;

import dev.wskit.protocol.MemoryAccount;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketException;
import java.nio.ByteBuffer;

/**
 * Collects the payload of a fragmented message. It grows by doubling, though not past what is
 * known to come (a 3 MiB frame read in pieces is kept in 3 MiB, not 4), each growth asked of the
 * connection's {@link MemoryAccount} before the array is made; after a message larger than
 * {@link #RETAINED_CAPACITY} it lets the large array go, so an idle connection does not keep the
 * memory of its largest message.
 */
final class MessageBuffer {
    /** Capacity kept between messages; larger arrays are dropped after use. */
    static final int RETAINED_CAPACITY = 64 * 1024;

    /** The largest array a JVM is sure to make. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Shared by every empty buffer: nothing is ever written into a zero-length array. */
    private static final byte[] NONE = new byte[0];

    private final MemoryAccount memory;
    private byte[] bytes = NONE;
    private int size;

    MessageBuffer(MemoryAccount memory) {
        this.memory = memory;
    }

    /**
     * Appends [from, to) of {@code source}; at most {@code upcoming} bytes are known to follow
     * ({@link Long#MAX_VALUE}: unknown), a bound on growth, never a reason to allocate before
     * they arrive.
     */
    void append(ByteBuffer source, int from, int to, long upcoming) {
        int length = to - from;
        ensureCapacity(size + length, upcoming);
        source.get(from, bytes, size, length);
        size += length;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    void clear() {
        size = 0;
        if (bytes.length > RETAINED_CAPACITY) {
            release();
        }
    }

    /**
     * Gives the collected message away, array and all, to an application that keeps it
     * ({@link KeptMessage}): the bytes leave the connection's account, and the next message
     * starts a new array.
     */
    ByteBuffer handOver() {
        ByteBuffer message = ByteBuffer.wrap(bytes, 0, size);
        release();
        return message;
    }

    /** Lets the array go, whatever its size: no message follows. */
    void release() {
        size = 0;
        memory.release(bytes.length);
        bytes = NONE;
    }

    /** Doubles, but not beyond what is known to come. */
    private void ensureCapacity(int needed, long upcoming) {
        if (needed > bytes.length) {
            long doubled = Math.max(256, 2L * bytes.length);
            long known = (long) needed + Math.min(upcoming, Integer.MAX_VALUE);
            int capacity = (int) Math.min(Math.max(needed, Math.min(doubled, known)), MAX_ARRAY);
            if (!memory.reserve(capacity - bytes.length)) {
                throw new WebSocketException(ProtocolViolation.MEMORY_BUDGET_EXCEEDED,
                        "a message of " + needed + " bytes so far");
            }
            byte[] larger = new byte[capacity];
            System.arraycopy(bytes, 0, larger, 0, size);
            bytes = larger;
        }
    }
}
