package dev.wskit.benchmarks.load;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The one message a load run sends, pre-encoded once as a masked client frame (RFC 6455 §5.2),
 * so sending costs a copy and an 8-byte patch instead of an encode and a mask.
 *
 * <p>The payload starts with the message's sequence number, written as eight ASCII letters
 * {@code 'a'..'p'} (4 bits each, the low 32 bits), then an ASCII fill: valid UTF-8, so the same
 * bytes serve as text, and different per message, so echoes can be checked for order as well as
 * content.
 *
 * <p>The masking key is fixed. RFC 6455 §5.3 asks for an unpredictable key to protect
 * intermediaries from cache poisoning; over loopback against our own echo servers there is no
 * intermediary, and every server still has to unmask every byte (the key is not zero, which a
 * server could skip).
 */
public final class MessageTemplate implements FrameWriter {
    static final int SEQUENCE_BYTES = 8;
    public static final byte[] MASKING_KEY = {(byte) 0x37, (byte) 0xfa, (byte) 0x21, (byte) 0x3d};
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;
    private static final int FIN = 0x80;
    private static final int MASK = 0x80;

    private final int opcode;
    private final byte[] frame;
    private final int headerLength;
    private final byte[] payload;
    private final byte[] maskedPayload;

    public MessageTemplate(int payloadLength, boolean text) {
        this(letters(payloadLength), text);
    }

    /**
     * Messages of {@code fill}'s length and content, but for its first 8 bytes, which carry the
     * sequence number: for text, {@code fill} must be ASCII (it is sent as it is, and the sequence
     * letters must not cut a character).
     */
    public MessageTemplate(byte[] fill, boolean text) {
        int payloadLength = fill.length;
        if (payloadLength < SEQUENCE_BYTES) {
            throw new IllegalArgumentException("messages carry an 8-byte sequence number: size must be at least 8");
        }
        this.opcode = text ? OPCODE_TEXT : OPCODE_BINARY;
        this.payload = fill.clone();
        Arrays.fill(payload, 0, SEQUENCE_BYTES, (byte) 0);
        this.maskedPayload = new byte[payloadLength];
        for (int i = 0; i < payloadLength; i++) {
            maskedPayload[i] = (byte) (payload[i] ^ MASKING_KEY[i & 3]);
        }
        ByteBuffer header = ByteBuffer.allocate(14);
        header.put((byte) (FIN | opcode));
        // RFC 6455 §5.2: the shortest length encoding.
        if (payloadLength <= 125) {
            header.put((byte) (MASK | payloadLength));
        } else if (payloadLength <= 0xffff) {
            header.put((byte) (MASK | 126)).putShort((short) payloadLength);
        } else {
            header.put((byte) (MASK | 127)).putLong(payloadLength);
        }
        header.put(MASKING_KEY);
        this.headerLength = header.position();
        this.frame = new byte[headerLength + payloadLength];
        System.arraycopy(header.array(), 0, frame, 0, headerLength);
        System.arraycopy(maskedPayload, 0, frame, headerLength, payloadLength);
    }

    /** The default fill: the alphabet over and over, which any stack echoes cheaply. */
    private static byte[] letters(int payloadLength) {
        byte[] fill = new byte[Math.max(0, payloadLength)];
        for (int i = SEQUENCE_BYTES; i < fill.length; i++) {
            fill[i] = (byte) ('A' + i % 26);
        }
        return fill;
    }

    int opcode() {
        return opcode;
    }

    int payloadLength() {
        return payload.length;
    }

    public int frameLength() {
        return frame.length;
    }

    @Override
    public int maxFrameLength() {
        return frame.length;
    }

    /** Appends the frame of message {@code sequence} to {@code out}. */
    @Override
    public void writeFrame(ByteBuffer out, long sequence) {
        int payloadStart = out.position() + headerLength;
        out.put(frame);
        for (int i = 0; i < SEQUENCE_BYTES; i++) {
            out.put(payloadStart + i, (byte) (sequenceByte(sequence, i) ^ MASKING_KEY[i & 3]));
        }
    }

    /** Writes the unmasked sequence number of message {@code sequence} into {@code payload}'s first 8 bytes. */
    static void writeSequence(byte[] payload, long sequence) {
        for (int i = 0; i < SEQUENCE_BYTES; i++) {
            payload[i] = sequenceByte(sequence, i);
        }
    }

    /** Byte {@code index} (0..7) of the unmasked payload of message {@code sequence}. */
    static byte sequenceByte(long sequence, int index) {
        return (byte) ('a' + ((sequence >>> (28 - 4 * index)) & 0xf));
    }

    /**
     * The payload as the echo must carry it, with the sequence bytes left for the caller: masked
     * when the server is a raw TCP echo that returns our frames as they were.
     */
    byte[] expectedPayload(boolean masked) {
        return masked ? maskedPayload : payload;
    }
}
