package dev.wskit.protocol.frame;

/** Frame opcodes (RFC 6455 §5.2, §11.8). Codes 3–7 and 0xB–0xF are reserved. */
public final class Opcode {
    /** A later frame of a fragmented message. */
    public static final int CONTINUATION = 0x0;
    /** The first frame of a text message (UTF-8). */
    public static final int TEXT = 0x1;
    /** The first frame of a binary message. */
    public static final int BINARY = 0x2;
    /** A close frame (RFC 6455 §5.5.1). */
    public static final int CLOSE = 0x8;
    /** A ping (RFC 6455 §5.5.2). */
    public static final int PING = 0x9;
    /** A pong, the answer to a ping or unsolicited (RFC 6455 §5.5.3). */
    public static final int PONG = 0xA;

    private Opcode() {
    }

    /**
     * Control opcodes have the high bit of the nibble set (RFC 6455 §5.5).
     *
     * @param opcode the opcode, 0 to 15
     * @return {@code true} for close, ping, pong and the reserved control opcodes 0xB to 0xF
     */
    public static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /**
     * Whether RFC 6455 defines this opcode; the others are reserved for future use.
     *
     * @param opcode the opcode, 0 to 15
     * @return {@code true} for continuation, text, binary, close, ping and pong
     */
    public static boolean isDefined(int opcode) {
        return opcode <= BINARY || (opcode >= CLOSE && opcode <= PONG);
    }

    /**
     * The RFC's name of an opcode, for messages and tools.
     *
     * @param opcode the opcode, 0 to 15
     * @return the name, as {@code "TEXT"}; {@code "RESERVED(0x3)"} and so on for a reserved opcode
     */
    public static String name(int opcode) {
        switch (opcode) {
            case CONTINUATION: return "CONTINUATION";
            case TEXT: return "TEXT";
            case BINARY: return "BINARY";
            case CLOSE: return "CLOSE";
            case PING: return "PING";
            case PONG: return "PONG";
            default: return "RESERVED(0x" + Integer.toHexString(opcode) + ")";
        }
    }
}
