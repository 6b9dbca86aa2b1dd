package dev.wskit.benchmarks.attack;

import dev.wskit.benchmarks.load.MessageTemplate;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Client frames as RFC 6455 §5.2 lays them out, masked (§5.3) with the load tool's key, built
 * byte by byte so an attack can set any bit and declare any length, true or not.
 */
final class Frames {
    static final int FIN = 0x80;
    /** RFC 7692 §6: RSV1 on the first frame marks a compressed message. */
    static final int RSV1 = 0x40;
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;

    private Frames() {
    }

    /** A whole frame: {@code firstByte} (FIN, RSV and opcode bits) and {@code payload}, masked. */
    static byte[] frame(int firstByte, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(14 + payload.length);
        out.put(header(firstByte, payload.length));
        for (int i = 0; i < payload.length; i++) {
            out.put((byte) (payload[i] ^ MessageTemplate.MASKING_KEY[i & 3]));
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    /** A frame's header alone, declaring {@code length} payload bytes (the shortest encoding, §5.2). */
    static byte[] header(int firstByte, long length) {
        return header(firstByte, length, true);
    }

    /** The same for a server's frame, which is not masked (§5.1). */
    static byte[] serverHeader(int firstByte, long length) {
        return header(firstByte, length, false);
    }

    private static byte[] header(int firstByte, long length, boolean masked) {
        int mask = masked ? 0x80 : 0;
        ByteBuffer out = ByteBuffer.allocate(14);
        out.put((byte) firstByte);
        if (length <= 125) {
            out.put((byte) (mask | length));
        } else if (length <= 0xffff) {
            out.put((byte) (mask | 126)).putShort((short) length);
        } else {
            out.put((byte) (mask | 127)).putLong(length);
        }
        if (masked) {
            out.put(MessageTemplate.MASKING_KEY);
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    /** {@code count} copies of {@code frame} back to back, to write in few system calls. */
    static byte[] repeated(byte[] frame, int count) {
        byte[] out = new byte[frame.length * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(frame, 0, out, i * frame.length, frame.length);
        }
        return out;
    }
}
