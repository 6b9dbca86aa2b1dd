package dev.wskit.benchmarks.attack;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;

/** Deflate streams that inflate to far more than they weigh: zeros, at about 1000 to 1. */
final class Bombs {
    private Bombs() {
    }

    /**
     * Raw deflate (no zlib header, RFC 7692 §7.2.1) of {@code inflatedBytes} zeros, ended by a sync
     * flush: as a first fragment, everything a receiver needs to inflate it all; as a whole
     * message, the flush's trailing {@code 00 00 ff ff} is removed, as §7.2.1 asks the sender to.
     */
    static byte[] zeros(long inflatedBytes, boolean wholeMessage) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            byte[] chunk = new byte[1 << 20];
            byte[] out = new byte[1 << 16];
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            for (long left = inflatedBytes; left > 0; left -= chunk.length) {
                deflater.setInput(chunk, 0, (int) Math.min(chunk.length, left));
                while (!deflater.needsInput()) {
                    compressed.write(out, 0, deflater.deflate(out, 0, out.length, Deflater.NO_FLUSH));
                }
            }
            int n;
            while ((n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH)) > 0) {
                compressed.write(out, 0, n);
            }
            byte[] bytes = compressed.toByteArray();
            return wholeMessage ? Arrays.copyOf(bytes, bytes.length - 4) : bytes;
        } finally {
            deflater.end();
        }
    }
}
