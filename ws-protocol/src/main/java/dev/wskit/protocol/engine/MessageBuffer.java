package dev.wskit.protocol.engine;

import java.nio.ByteBuffer;

/**
 * Collects the payload of a fragmented message. It grows by doubling, and after a message
 * larger than {@link #RETAINED_CAPACITY} it lets the large array go, so an idle connection
 * does not keep the memory of its largest message.
 */
final class MessageBuffer {
    /** Capacity kept between messages; larger arrays are dropped after use. */
    static final int RETAINED_CAPACITY = 64 * 1024;

    /** Shared by every empty buffer: nothing is ever written into a zero-length array. */
    private static final byte[] NONE = new byte[0];

    private byte[] bytes = NONE;
    private int size;

    void append(ByteBuffer source, int from, int to) {
        int length = to - from;
        ensureCapacity(size + length);
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
            bytes = NONE;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            int grown = Math.max(needed, Math.max(256, bytes.length * 2));
            byte[] larger = new byte[grown < 0 ? needed : grown];
            System.arraycopy(bytes, 0, larger, 0, size);
            bytes = larger;
        }
    }
}
