package dev.wskit.protocol.extension.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses outgoing messages for permessage-deflate (RFC 7692 §7.2.1): raw DEFLATE, each piece
 * flushed to a byte boundary, and the empty-block tail {@code 00 00 ff ff} dropped at the end of
 * the message. One per connection.
 *
 * <p>The zlib state (about 256 KiB of native memory) exists only while it is needed: it is made
 * by the first message that is compressed, so a connection that never sends one never has it,
 * and with no context takeover it is freed after each message, since the next one starts from an
 * empty window anyway (RFC 7692 §7.1.1). {@link #release()} frees it for good.
 *
 * <p>The JDK's {@link Deflater} always searches a 32 KiB window (15 bits). When the peer allows
 * a smaller one (RFC 7692 §7.1.2), this compresses with Huffman coding alone: output without any
 * back-reference reaches no further back than any window, at the price of the repeats it does
 * not find.
 */
public final class MessageDeflater {
    /** A buffer larger than this after a message is dropped, so one big message does not pin it. */
    private static final int RETAINED_CAPACITY = 64 * 1024;
    /** The window the JDK's Deflater searches. */
    private static final int JDK_WINDOW_BITS = 15;

    private final Settings settings;
    private final boolean noContextTakeover;
    /** {@code null} until a message needs it, and between messages with no context takeover. */
    private Deflater deflater;
    private boolean released;
    /** Made and freed with {@link #deflater}; a view returned by {@link #compress} keeps its own reference. */
    private byte[] output;

    /**
     * @param level             the {@link Deflater} level, 0–9 or -1 for zlib's default
     * @param noContextTakeover whether each message starts from an empty window (our side's
     *                          {@code *_no_context_takeover}, RFC 7692 §7.1.1)
     * @param windowBits        the largest window the peer allows our side, 8–15 bits
     *                          ({@code *_max_window_bits}, RFC 7692 §7.1.2), or 0 for no limit
     */
    public MessageDeflater(int level, boolean noContextTakeover, int windowBits) {
        this.settings = new Settings(level, windowBits != 0 && windowBits < JDK_WINDOW_BITS);
        this.noContextTakeover = noContextTakeover;
    }

    /**
     * What decides the bytes a message compresses to from an empty window: two deflaters with
     * equal settings compress a message alone to the same bytes.
     *
     * @param level        the {@link Deflater} level
     * @param literalsOnly whether only Huffman coding is used, for a window below 15 bits
     */
    public record Settings(int level, boolean literalsOnly) {
    }

    /** This deflater's settings. */
    public Settings settings() {
        return settings;
    }

    /** Whether each message starts from an empty window, so it compresses alone. */
    public boolean compressesEachMessageAlone() {
        return noContextTakeover;
    }

    /**
     * {@code message} (position to limit, left unchanged) compressed as a whole message from an
     * empty window with this deflater's settings, as a new buffer; this deflater's own state is
     * not touched.
     */
    public ByteBuffer compressAlone(ByteBuffer message) {
        MessageDeflater alone = new MessageDeflater(settings, true);
        try {
            ByteBuffer compressed = alone.compress(message, true);
            ByteBuffer copy = ByteBuffer.allocate(compressed.remaining());
            return copy.put(compressed).flip();
        } finally {
            alone.release();
        }
    }

    private MessageDeflater(Settings settings, boolean noContextTakeover) {
        this.settings = settings;
        this.noContextTakeover = noContextTakeover;
    }

    /**
     * Compresses {@code piece} (position to limit, left unchanged). The result is a view of an
     * internal buffer, valid until the next call.
     *
     * @param last whether this piece ends the message
     * @throws IllegalStateException after {@link #release()}
     */
    public ByteBuffer compress(ByteBuffer piece, boolean last) {
        Deflater zlib = deflater();
        if (output.length > RETAINED_CAPACITY) {
            output = new byte[1024];
        }
        zlib.setInput(piece.duplicate());
        int length = 0;
        // Deflater's contract for SYNC_FLUSH: a full buffer may hide more output, so ask again.
        while (true) {
            length += zlib.deflate(output, length, output.length - length, Deflater.SYNC_FLUSH);
            if (length < output.length) {
                break;
            }
            output = Arrays.copyOf(output, output.length * 2);
        }
        if (last) {
            // RFC 7692 §7.2.1: a sync flush ends in an empty stored block, 00 00 ff ff; drop it.
            // With nothing new since the previous piece's flush zlib writes nothing at all; the
            // message then ends in an empty block of its own, the single byte 00 (RFC 7692 §7.2.3.6).
            if (length == 0) {
                output[0] = 0;
                length = 1;
            } else {
                length -= 4;
            }
        }
        ByteBuffer compressed = ByteBuffer.wrap(output, 0, length);
        if (last && noContextTakeover) {
            freeState();
        }
        return compressed;
    }

    /** Whether the zlib state is held now: between messages only with context takeover. */
    public boolean holdsState() {
        return deflater != null;
    }

    /** Frees the native memory; the deflater is unusable afterwards. */
    public void release() {
        released = true;
        freeState();
    }

    private Deflater deflater() {
        if (deflater == null) {
            if (released) {
                throw new IllegalStateException("the deflater was released");
            }
            deflater = new Deflater(settings.level(), true);
            output = new byte[1024];
            if (settings.literalsOnly()) {
                deflater.setStrategy(Deflater.HUFFMAN_ONLY);
                // A new strategy takes effect in the next deflate call, which then takes no
                // input: spend that call here, on nothing.
                deflater.deflate(output, 0, 0, Deflater.NO_FLUSH);
            }
        }
        return deflater;
    }

    private void freeState() {
        if (deflater != null) {
            deflater.end();
            deflater = null;
            output = null;
        }
    }
}
