package dev.wskit.protocol.frame;

import dev.wskit.protocol.Role;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Encodes frames (RFC 6455 §5.2): the minimal length encoding, and masking by role. A client
 * masks every frame with a fresh key from the injected random source (RFC 6455 §5.3), into
 * the new frame buffer, never into the caller's data. A server never masks (RFC 6455 §5.1).
 * Not thread-safe where it masks: a client's encoder is its connection's own; a server's holds no
 * state, so one may serve many connections.
 */
public final class FrameEncoder {
    private final Role sender;
    private final Random random;

    /**
     * An encoder for one connection's outgoing frames.
     *
     * @param sender the role of the endpoint that sends these frames
     * @param random the masking-key source; only a client uses it
     */
    public FrameEncoder(Role sender, Random random) {
        this.sender = sender;
        this.random = random;
    }

    /**
     * One frame holding {@code payload} from its position to its limit (left unchanged), as a new
     * buffer ready to be read.
     *
     * @param fin     whether this frame ends its message
     * @param rsvBits RSV bits in their byte-0 positions, set only for a negotiated extension
     * @param opcode the frame's opcode (see {@link Opcode})
     * @param payload the payload, from its position to its limit; at most 125 bytes for a control
     *     frame
     * @return a new buffer holding the header (with a fresh masking key for a client, RFC 6455
     *     §5.3) and the payload, masked for a client
     */
    public ByteBuffer encode(boolean fin, int rsvBits, int opcode, ByteBuffer payload) {
        int length = payload.remaining();
        boolean masked = masks();
        int headerLength = FrameHeader.headerLength(length, masked);
        ByteBuffer frame = ByteBuffer.allocate(headerLength + length);
        int maskingKey = masked ? random.nextInt() : 0;
        writeHeader(frame, fin, rsvBits, opcode, length, masked, maskingKey);
        if (masked) {
            Masking.maskCopy(payload, payload.position(), frame, headerLength, length, maskingKey, 0);
        } else {
            frame.put(headerLength, payload, payload.position(), length);
        }
        return frame.clear();
    }

    /**
     * The header of a frame whose payload stays where it is, in {@code payload} from its position
     * to its limit, to be written right after the header: the payload is not copied. A client
     * masks it in place with the header's key (RFC 6455 §5.3), so there it must be writable.
     *
     * @param fin whether this frame ends its message
     * @param rsvBits RSV bits in their byte-0 positions, set only for a negotiated extension
     * @param opcode the frame's opcode (see {@link Opcode})
     * @param payload the payload, from its position to its limit; masked in place by a client
     * @return a new buffer holding the header only, 2 to 14 bytes
     */
    public ByteBuffer encodeHeader(boolean fin, int rsvBits, int opcode, ByteBuffer payload) {
        int length = payload.remaining();
        boolean masked = masks();
        ByteBuffer header = ByteBuffer.allocate(FrameHeader.headerLength(length, masked));
        int maskingKey = masked ? random.nextInt() : 0;
        writeHeader(header, fin, rsvBits, opcode, length, masked, maskingKey);
        if (masked) {
            Masking.maskInPlace(payload, payload.position(), payload.limit(), maskingKey, 0);
        }
        return header.flip();
    }

    /**
     * Whether this encoder's frames are masked: a client's are, a server's never (RFC 6455 §5.1).
     *
     * @return {@code true} for a client's encoder
     */
    public boolean masks() {
        return sender == Role.CLIENT;
    }

    /**
     * RFC 6455 §5.5: control payloads are at most 125 bytes. Public so a transport can refuse a
     * bad argument on the caller's thread before handing the send to its own.
     *
     * @param payload the control frame's payload, from position to limit
     * @throws IllegalArgumentException when {@code payload} is longer
     */
    public static void checkControlPayload(ByteBuffer payload) {
        if (payload.remaining() > FrameHeader.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("control frame payload of " + payload.remaining()
                    + " bytes; at most 125 (RFC 6455 §5.5)");
        }
    }

    /** Writes a frame header at {@code dst}'s position and advances it (RFC 6455 §5.2). */
    private static void writeHeader(ByteBuffer dst, boolean fin, int rsvBits, int opcode, long payloadLength,
                                   boolean masked, int maskingKey) {
        int maskBit = masked ? FrameHeader.B1_MASK : 0;
        dst.put((byte) ((fin ? FrameHeader.B0_FIN : 0) | (rsvBits & FrameHeader.B0_RSV_BITS) | opcode));
        if (payloadLength <= FrameHeader.MAX_7_BIT_LENGTH) {
            dst.put((byte) (maskBit | (int) payloadLength));
        } else if (payloadLength <= FrameHeader.MAX_16_BIT_LENGTH) {
            dst.put((byte) (maskBit | FrameHeader.LENGTH_16_BIT));
            putBigEndian(dst, payloadLength, 2);
        } else {
            dst.put((byte) (maskBit | FrameHeader.LENGTH_64_BIT));
            putBigEndian(dst, payloadLength, 8);
        }
        if (masked) {
            putBigEndian(dst, maskingKey & 0xffffffffL, 4);
        }
    }

    /** Network byte order (RFC 6455 §5.2), whatever order {@code dst} is set to. */
    private static void putBigEndian(ByteBuffer dst, long value, int bytes) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            dst.put((byte) (value >>> shift));
        }
    }
}
