package dev.wskit.protocol.frame;

/**
 * The bits of a frame header, named for the byte they live in and what they mean
 * (RFC 6455 §5.2):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-------+-+-------------+-------------------------------+
 * |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 * |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 * |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 * | |1|2|3|       |K|             |                               |
 * +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 * |     Extended payload length continued, if payload len == 127  |
 * + - - - - - - - - - - - - - - - +-------------------------------+
 * |                               |Masking-key, if MASK set to 1  |
 * +-------------------------------+-------------------------------+
 * | Masking-key (continued)       |          Payload Data         |
 * +-------------------------------- - - - - - - - - - - - - - - - +
 * </pre>
 */
public final class FrameHeader {
    /** Byte 0: this frame ends its message. */
    public static final int B0_FIN = 0x80;
    /** Byte 0: reserved bit 1, owned by a negotiated extension (permessage-deflate: "compressed"). */
    public static final int B0_RSV1 = 0x40;
    /** Byte 0: reserved bit 2, owned by a negotiated extension. */
    public static final int B0_RSV2 = 0x20;
    /** Byte 0: reserved bit 3, owned by a negotiated extension. */
    public static final int B0_RSV3 = 0x10;
    /** Byte 0: all three reserved bits. */
    public static final int B0_RSV_BITS = B0_RSV1 | B0_RSV2 | B0_RSV3;
    /** Byte 0: the opcode (see {@link Opcode}). */
    public static final int B0_OPCODE = 0x0f;

    /** Byte 1: a masking key follows the length. */
    public static final int B1_MASK = 0x80;
    /** Byte 1: the 7-bit payload length field. */
    public static final int B1_PAYLOAD_LENGTH = 0x7f;

    /** Payload length value meaning "a 16-bit length follows". */
    public static final int LENGTH_16_BIT = 126;
    /** Payload length value meaning "a 64-bit length follows". */
    public static final int LENGTH_64_BIT = 127;
    /** Largest length carried in the 7-bit field itself. */
    public static final int MAX_7_BIT_LENGTH = 125;
    /** Largest length carried in the 16-bit extended length. */
    public static final int MAX_16_BIT_LENGTH = 0xffff;

    /** Largest payload of a control frame (RFC 6455 §5.5). */
    public static final int MAX_CONTROL_PAYLOAD = 125;
    /** Largest header: 2 bytes, 8 of 64-bit length, 4 of masking key. */
    public static final int MAX_HEADER_LENGTH = 14;

    private FrameHeader() {
    }

    /**
     * Header bytes needed for a payload of {@code payloadLength}, in the minimal encoding RFC 6455
     * §5.2 requires.
     *
     * @param payloadLength the payload's length in bytes, at least 0
     * @param masked whether the header carries a 4-byte masking key (a client's frame)
     * @return the header's length in bytes: 2, plus 2 or 8 for an extended length, plus 4 for a
     *     masking key
     */
    public static int headerLength(long payloadLength, boolean masked) {
        int lengthBytes = payloadLength <= MAX_7_BIT_LENGTH ? 0 : payloadLength <= MAX_16_BIT_LENGTH ? 2 : 8;
        return 2 + lengthBytes + (masked ? 4 : 0);
    }
}
