package dev.wskit.conformance;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The raw peer's side of permessage-deflate (RFC 7692 §7.2), written on the JDK's zlib and not
 * on the engine's code: compress a message with a sync flush and drop the final
 * {@code 00 00 ff ff}; to inflate, append it back. Context is kept across messages unless the
 * negotiated "no context takeover" parameter says otherwise.
 */
final class DeflatePeer {
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private final boolean ownNoContextTakeover;
    private final boolean peerNoContextTakeover;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);

    DeflatePeer(boolean ownNoContextTakeover, boolean peerNoContextTakeover) {
        this.ownNoContextTakeover = ownNoContextTakeover;
        this.peerNoContextTakeover = peerNoContextTakeover;
    }

    /** RFC 7692 §7.2.1: one message compressed, without the flush's trailing four bytes. */
    byte[] compress(byte[] message) {
        if (ownNoContextTakeover) {
            deflater.reset();
        }
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 64);
        byte[] chunk = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length || !deflater.needsInput());
        byte[] all = out.toByteArray();
        return java.util.Arrays.copyOf(all, all.length - TAIL.length);
    }

    /** RFC 7692 §7.2.2: the message's compressed payload with the tail appended, inflated. */
    byte[] inflate(byte[] payload) throws DataFormatException {
        if (peerNoContextTakeover) {
            inflater.reset();
        }
        inflater.setInput(Frame.concat(payload, TAIL));
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length * 4 + 64);
        byte[] chunk = new byte[64 * 1024];
        while (true) {
            int n = inflater.inflate(chunk);
            out.write(chunk, 0, n);
            if (n == 0 && (inflater.needsInput() || inflater.finished())) {
                return out.toByteArray();
            }
        }
    }

    void release() {
        deflater.end();
        inflater.end();
    }
}
