package dev.wskit.benchmarks.load;

import java.nio.ByteBuffer;

/**
 * The text messages of a broadcast run, all of one size: the publisher's masked client frames
 * (RFC 6455 §5.2, the masking key fixed as in {@link MessageTemplate}) and the payload the
 * subscribers check.
 *
 * <p>The payload is ASCII: the sequence number, 8 letters {@code 'a'..'p'} (4 bits each, the low
 * 32 bits); the publisher's {@link System#nanoTime()} when it wrote the frame, 16 letters (64
 * bits), for the latency from send to receipt (publisher and subscribers are one process); then a
 * fixed fill. A hello, sent before the first message to learn that every subscriber is in the
 * server's broadcast, carries 8 dots instead of a sequence number.
 */
final class BroadcastMessages {
    /** Sequence number and timestamp: the smallest message. */
    static final int LEAD_BYTES = 24;
    static final int SEQUENCE_BYTES = 8;
    /** The sequence number a hello carries. */
    static final long HELLO = -1;
    private static final byte HELLO_BYTE = '.';
    private static final int OPCODE_TEXT = 0x1;

    private final int size;
    private final byte[] payload;
    private final byte[] header;

    BroadcastMessages(int size) {
        if (size < LEAD_BYTES) {
            throw new IllegalArgumentException("broadcast messages carry a sequence number and a time: size must be at least " + LEAD_BYTES);
        }
        this.size = size;
        this.payload = new byte[size];
        for (int i = LEAD_BYTES; i < size; i++) {
            payload[i] = (byte) ('A' + i % 26);
        }
        ByteBuffer h = ByteBuffer.allocate(14);
        h.put((byte) (0x80 | OPCODE_TEXT));
        if (size <= 125) {
            h.put((byte) (0x80 | size));
        } else if (size <= 0xffff) {
            h.put((byte) (0x80 | 126)).putShort((short) size);
        } else {
            h.put((byte) (0x80 | 127)).putLong(size);
        }
        h.put(MessageTemplate.MASKING_KEY);
        this.header = new byte[h.position()];
        System.arraycopy(h.array(), 0, header, 0, header.length);
    }

    int size() {
        return size;
    }

    int frameLength() {
        return header.length + size;
    }

    /** Appends the publisher's frame of message {@code sequence} ({@link #HELLO}: a hello), stamped {@code nanos}. */
    void writeFrame(ByteBuffer out, long sequence, long nanos) {
        out.put(header);
        for (int i = 0; i < size; i++) {
            byte b;
            if (i < SEQUENCE_BYTES) {
                b = sequence == HELLO ? HELLO_BYTE : letter(sequence, 28 - 4 * i);
            } else if (i < LEAD_BYTES) {
                b = letter(nanos, 60 - 4 * (i - SEQUENCE_BYTES));
            } else {
                b = payload[i];
            }
            out.put((byte) (b ^ MessageTemplate.MASKING_KEY[i & 3]));
        }
    }

    private static byte letter(long value, int shift) {
        return (byte) ('a' + ((value >>> shift) & 0xf));
    }

    /**
     * The payload, of which a subscriber checks the fill (from {@link #LEAD_BYTES} on): unmasked,
     * or masked as the publisher sent it when a raw TCP fan-out passes its frames on unchanged.
     */
    byte[] payload(boolean masked) {
        if (!masked) {
            return payload;
        }
        byte[] maskedPayload = new byte[size];
        for (int i = 0; i < size; i++) {
            maskedPayload[i] = (byte) (payload[i] ^ MessageTemplate.MASKING_KEY[i & 3]);
        }
        return maskedPayload;
    }

    /**
     * The sequence number in a payload's first 8 bytes, {@link #HELLO} for a hello.
     *
     * @throws EchoMismatch when they are neither
     */
    static long sequence(byte[] lead) {
        if (lead[0] == HELLO_BYTE) {
            for (int i = 1; i < SEQUENCE_BYTES; i++) {
                if (lead[i] != HELLO_BYTE) {
                    throw new EchoMismatch("broadcast message with a corrupt hello");
                }
            }
            return HELLO;
        }
        return letters(lead, 0, SEQUENCE_BYTES);
    }

    /** The timestamp in a payload's bytes 8 to 24. */
    static long nanos(byte[] lead) {
        return letters(lead, SEQUENCE_BYTES, LEAD_BYTES - SEQUENCE_BYTES);
    }

    private static long letters(byte[] lead, int from, int count) {
        long value = 0;
        for (int i = from; i < from + count; i++) {
            int nibble = lead[i] - 'a';
            if (nibble < 0 || nibble > 15) {
                throw new EchoMismatch("broadcast message with a corrupt sequence number or time");
            }
            value = value << 4 | nibble;
        }
        return value;
    }
}
