package dev.wskit.benchmarks.load;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One frame header, read incrementally (a header may end anywhere in a read) for the load tool's
 * parsers: its length is known once the first two bytes are in (RFC 6455 §5.2: 7-bit, 16-bit or
 * 64-bit payload length, and a masking key when the mask bit is set). Reused frame after frame.
 */
final class FrameHeader {
    private static final int MAX_BYTES = 14;

    private final byte[] bytes = new byte[MAX_BYTES];
    private int read;

    /**
     * Takes header bytes from {@code in}, no more than the header has.
     *
     * @return true once the whole header is in; the accessors then describe it until {@link #clear()}
     */
    boolean read(ByteBuffer in) {
        while (in.hasRemaining() && read < length()) {
            bytes[read++] = in.get();
        }
        return read == length();
    }

    /** Makes room for the next frame's header. */
    void clear() {
        read = 0;
    }

    /** FIN, RSV1-3 and the opcode. */
    int first() {
        return bytes[0] & 0xff;
    }

    boolean masked() {
        return (bytes[1] & 0x80) != 0;
    }

    /** Whether the frame is masked with {@code key}. */
    boolean maskedWith(byte[] key) {
        return masked() && Arrays.equals(bytes, read - 4, read, key, 0, 4);
    }

    long payloadLength() {
        int length7 = bytes[1] & 0x7f;
        return length7 == 126 ? ByteBuffer.wrap(bytes, 2, 2).getShort() & 0xffff
                : length7 == 127 ? ByteBuffer.wrap(bytes, 2, 8).getLong()
                : length7;
    }

    /** The header's length: 2 until the first two bytes are in. */
    private int length() {
        if (read < 2) {
            return 2;
        }
        int length7 = bytes[1] & 0x7f;
        return 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + (masked() ? 4 : 0);
    }
}
