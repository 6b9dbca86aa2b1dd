package dev.wskit.protocol.extension.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses outgoing messages for permessage-deflate (RFC 7692 §7.2.1): raw DEFLATE, each piece
 * flushed to a byte boundary, and the empty-block tail {@code 00 00 ff ff} dropped at the end of
 * the message. One per connection; {@link #release()} frees the native zlib memory.
 */
public final class MessageDeflater {
    /** A buffer larger than this after a message is dropped, so one big message does not pin it. */
    private static final int RETAINED_CAPACITY = 64 * 1024;

    private final Deflater deflater;
    private final boolean noContextTakeover;
    private byte[] output = new byte[1024];

    /**
     * @param noContextTakeover whether each message starts from an empty window (our side's
     *                          {@code *_no_context_takeover}, RFC 7692 §7.1.1)
     */
    public MessageDeflater(int level, boolean noContextTakeover) {
        this.deflater = new Deflater(level, true);
        this.noContextTakeover = noContextTakeover;
    }

    /**
     * Compresses {@code piece} (position to limit, left unchanged). The result is a view of an
     * internal buffer, valid until the next call.
     *
     * @param last whether this piece ends the message
     */
    public ByteBuffer compress(ByteBuffer piece, boolean last) {
        if (output.length > RETAINED_CAPACITY) {
            output = new byte[1024];
        }
        deflater.setInput(piece.duplicate());
        int length = 0;
        // Deflater's contract for SYNC_FLUSH: a full buffer may hide more output, so ask again.
        while (true) {
            length += deflater.deflate(output, length, output.length - length, Deflater.SYNC_FLUSH);
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
            if (noContextTakeover) {
                deflater.reset();
            }
        }
        return ByteBuffer.wrap(output, 0, length);
    }

    /** Frees the native memory; the deflater is unusable afterwards. */
    public void release() {
        deflater.end();
    }
}
