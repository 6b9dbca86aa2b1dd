package dev.wskit.benchmarks.load;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/**
 * One connection's compressed messages (RFC 7692 §7.2.1): each message's payload (the template's
 * with its sequence number) is deflated with {@link Deflater#SYNC_FLUSH}, the empty stored block
 * that ends it ({@code 0x00 0x00 0xff 0xff}) is cut off, and the rest goes out as one masked frame
 * with RSV1 set (§6). The compressor keeps its context from message to message unless the server
 * asked for {@code client_no_context_takeover} (§7.1.1.2).
 *
 * <p>Its cost per message is the compression itself and one pass to mask: the {@link Deflater},
 * the payload and the output are this connection's, reused for every message. It compresses at
 * {@link Deflater#BEST_SPEED}, so the tool's own work stays below the servers' (their stacks
 * default to level 6), and {@link #end()} frees the native compressor. Owned by one thread.
 */
final class DeflatingWriter implements FrameWriter {
    /** RFC 7692 §7.2.1: what a sync flush ends with, and the sender removes. */
    static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};
    private static final int FIN_RSV1 = 0x80 | 0x40;
    private static final int MASK = 0x80;
    private static final int MAX_HEADER = 14;

    private final MessageTemplate template;
    private final boolean resetEachMessage;
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private final byte[] payload;
    private final byte[] compressed;
    private long compressedBytes;
    private long payloadBytes;

    DeflatingWriter(MessageTemplate template, DeflateAgreement agreement) {
        this.template = template;
        this.resetEachMessage = agreement.clientNoContextTakeover();
        this.payload = template.expectedPayload(false).clone();
        this.compressed = new byte[bound(payload.length)];
    }

    /** The most a payload of {@code length} bytes deflates to: zlib's bound (stored blocks) with room for the flush. */
    static int bound(int length) {
        return length + length / 1000 * 5 + 64;
    }

    @Override
    public int maxFrameLength() {
        return MAX_HEADER + compressed.length;
    }

    @Override
    public void writeFrame(ByteBuffer out, long sequence) {
        MessageTemplate.writeSequence(payload, sequence);
        int length = deflate();
        out.put((byte) (FIN_RSV1 | template.opcode()));
        // RFC 6455 §5.2: the shortest length encoding.
        if (length <= 125) {
            out.put((byte) (MASK | length));
        } else if (length <= 0xffff) {
            out.put((byte) (MASK | 126)).putShort((short) length);
        } else {
            out.put((byte) (MASK | 127)).putLong(length);
        }
        out.put(MessageTemplate.MASKING_KEY);
        for (int i = 0; i < length; i++) {
            compressed[i] ^= MessageTemplate.MASKING_KEY[i & 3];
        }
        out.put(compressed, 0, length);
        compressedBytes += length;
        payloadBytes += payload.length;
    }

    /** Compresses {@link #payload} into {@link #compressed}; returns its length without the tail. */
    private int deflate() {
        deflater.setInput(payload);
        int n = deflater.deflate(compressed, 0, compressed.length, Deflater.SYNC_FLUSH);
        if (n == compressed.length || !deflater.needsInput()) {
            // Beyond zlib's bound: the sizes above are wrong, not the input.
            throw new IllegalStateException("compressed message larger than " + compressed.length + " bytes");
        }
        for (int i = 0; i < TAIL.length; i++) {
            if (compressed[n - TAIL.length + i] != TAIL[i]) {
                throw new IllegalStateException("a sync flush that does not end with 00 00 ff ff");
            }
        }
        if (resetEachMessage) {
            deflater.reset();
        }
        return n - TAIL.length;
    }

    /** Compressed payload bytes written so far, tails cut. */
    long compressedBytes() {
        return compressedBytes;
    }

    /** The same messages' payload bytes before compression. */
    long payloadBytes() {
        return payloadBytes;
    }

    @Override
    public void end() {
        deflater.end();
    }
}
