package dev.wskit.protocol.frame;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.Role;
import dev.wskit.protocol.WebSocketException;

/**
 * The wire rules a received frame must satisfy, as pure checks. Each is named for its rule and
 * throws a {@link WebSocketException} naming the {@link ProtocolViolation}; the decoder and the
 * connection call them, so each rule is written once.
 */
public final class FrameRules {
    private FrameRules() {
    }

    /**
     * RFC 6455 §5.1: a server rejects unmasked frames, a client rejects masked ones.
     *
     * @param receiver which end received the frame
     * @param masked the frame's MASK bit
     */
    public static void checkMasking(Role receiver, boolean masked) {
        if (receiver == Role.SERVER && !masked) {
            throw new WebSocketException(ProtocolViolation.UNMASKED_CLIENT_FRAME);
        }
        if (receiver == Role.CLIENT && masked) {
            throw new WebSocketException(ProtocolViolation.MASKED_SERVER_FRAME);
        }
    }

    /**
     * RFC 6455 §5.2: RSV bits must be 0 unless a negotiated extension gives them a meaning.
     *
     * @param rsvBits the frame's RSV bits, in their byte-0 positions
     * @param allowedRsvBits the RSV bits negotiated extensions own, in the same positions
     */
    public static void checkReservedBits(int rsvBits, int allowedRsvBits) {
        if ((rsvBits & ~allowedRsvBits) != 0) {
            throw new WebSocketException(ProtocolViolation.RESERVED_BITS_SET,
                    "RSV bits 0x" + Integer.toHexString(rsvBits) + " without a negotiated extension");
        }
    }

    /**
     * RFC 6455 §5.2: reserved opcodes fail the connection.
     *
     * @param opcode the frame's opcode, 0 to 15
     */
    public static void checkOpcodeIsDefined(int opcode) {
        if (!Opcode.isDefined(opcode)) {
            throw new WebSocketException(ProtocolViolation.RESERVED_OPCODE, Opcode.name(opcode));
        }
    }

    /**
     * RFC 6455 §5.5: control frames are never fragmented.
     *
     * @param opcode the frame's opcode
     * @param fin the frame's FIN bit
     */
    public static void checkControlFrameIsFinal(int opcode, boolean fin) {
        if (Opcode.isControl(opcode) && !fin) {
            throw new WebSocketException(ProtocolViolation.FRAGMENTED_CONTROL_FRAME, Opcode.name(opcode));
        }
    }

    /**
     * RFC 6455 §5.5: control frame payloads are at most 125 bytes.
     *
     * @param opcode the frame's opcode
     * @param payloadLength the frame's declared payload length in bytes
     */
    public static void checkControlFrameLength(int opcode, long payloadLength) {
        if (Opcode.isControl(opcode) && payloadLength > FrameHeader.MAX_CONTROL_PAYLOAD) {
            throw new WebSocketException(ProtocolViolation.CONTROL_FRAME_TOO_LONG,
                    Opcode.name(opcode) + " of " + payloadLength + " bytes");
        }
    }

    /**
     * RFC 6455 §5.2: the most significant bit of a 64-bit length must be 0.
     *
     * @param length64 the 64-bit extended payload length, read as a signed {@code long}
     */
    public static void checkLengthTopBit(long length64) {
        if (length64 < 0) {
            throw new WebSocketException(ProtocolViolation.PAYLOAD_LENGTH_TOP_BIT_SET);
        }
    }

    /**
     * RFC 6455 §5.2: "the minimal number of bytes MUST be used to encode the length".
     *
     * @param lengthField the 7-bit length field of the header: 126 or 127 announce an extended
     *     length
     * @param payloadLength the length the extended field holds
     */
    public static void checkMinimalLength(int lengthField, long payloadLength) {
        boolean minimal = lengthField == FrameHeader.LENGTH_16_BIT
                ? payloadLength > FrameHeader.MAX_7_BIT_LENGTH
                : payloadLength > FrameHeader.MAX_16_BIT_LENGTH;
        if (!minimal) {
            throw new WebSocketException(ProtocolViolation.NON_MINIMAL_LENGTH,
                    payloadLength + " bytes in a " + (lengthField == FrameHeader.LENGTH_16_BIT ? 16 : 64) + "-bit length");
        }
    }

    /**
     * RFC 6455 §10.4: a frame above the configured limit is refused with 1009.
     *
     * @param payloadLength the frame's declared payload length in bytes
     * @param maxFramePayload the configured limit in bytes
     *     ({@link dev.wskit.protocol.WebSocketConfig#maxFramePayload()})
     */
    public static void checkFrameSize(long payloadLength, int maxFramePayload) {
        if (payloadLength > maxFramePayload) {
            throw new WebSocketException(ProtocolViolation.FRAME_TOO_BIG,
                    payloadLength + " bytes, limit " + maxFramePayload);
        }
    }

    /**
     * The most bytes deflate may make of {@code bytes} that do not compress: zlib's own bound
     * ({@code deflateBound}: 13 bytes plus about one in 3,300), with room for a sync flush, and
     * never past the largest array.
     *
     * @param bytes the number of bytes to deflate, at least 0
     * @return the bound in bytes
     */
    public static int deflatedBound(int bytes) {
        long bound = (long) bytes + (bytes >> 12) + (bytes >> 14) + (bytes >> 25) + 13 + 64;
        return (int) Math.min(bound, Integer.MAX_VALUE - 8);
    }

    /**
     * RFC 6455 §5.4: a continuation frame belongs to a message already started.
     *
     * @param opcode the frame's opcode
     * @param messageInProgress whether a fragmented message was started and not yet finished
     */
    public static void checkContinuationHasMessage(int opcode, boolean messageInProgress) {
        if (opcode == Opcode.CONTINUATION && !messageInProgress) {
            throw new WebSocketException(ProtocolViolation.CONTINUATION_WITHOUT_START);
        }
        if (opcode != Opcode.CONTINUATION && !Opcode.isControl(opcode) && messageInProgress) {
            throw new WebSocketException(ProtocolViolation.DATA_FRAME_INSIDE_MESSAGE, Opcode.name(opcode));
        }
    }

    /**
     * RFC 6455 §5.5.1: a close payload is empty or starts with a 2-byte code.
     *
     * @param payloadLength the close frame's payload length in bytes
     */
    public static void checkClosePayloadLength(int payloadLength) {
        if (payloadLength == 1) {
            throw new WebSocketException(ProtocolViolation.CLOSE_PAYLOAD_ONE_BYTE);
        }
    }

    /**
     * RFC 6455 §7.4: only some codes may travel in a close frame.
     *
     * @param code the status code read from a close frame
     */
    public static void checkCloseCode(int code) {
        if (!CloseCode.isValidOnWire(code)) {
            throw new WebSocketException(ProtocolViolation.INVALID_CLOSE_CODE, "code " + code);
        }
    }
}
