package dev.wskit.transport.blocking;

import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.WebSocketConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Writes what the engine queued to the socket's stream, in queue order, holding no buffer between
 * writes: an idle connection keeps no write buffer. A buffer written alone, or at least
 * {@link #GATHER_BYTES} long, goes to the stream straight from its array; several small frames are
 * gathered into one short-lived array, so they cost one write to the socket (over TLS, one record)
 * rather than one each. Buffers without an accessible array (direct or read-only) are copied
 * through that array.
 *
 * <p>Not thread-safe: its connection calls it with the lock held.
 */
final class OutboundWriter {
    /**
     * The most gathered into one write: TLS plaintext records hold at most 2^14 bytes (RFC 8446
     * §5.1, RFC 5246 §6.2.1), so over TLS a gathered write is one record.
     */
    static final int GATHER_BYTES = 16 * 1024;

    private final OutputStream out;
    // Between the start and the end of writeQueued only; null otherwise.
    private byte[] gathered;
    private int filled;

    OutboundWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Polls the engine's queue empty and writes it all, blocking while the peer does not read. Each
     * buffer's release runs once its bytes are written or copied, also when the write fails.
     */
    void writeQueued(WebSocketConnection engine) throws IOException {
        try {
            for (ByteBuffer b = engine.pollOutbound(); b != null; b = engine.pollOutbound()) {
                PayloadRelease release = engine.releaseOfPolled();
                try {
                    write(b, engine);
                } finally {
                    if (release != null) {
                        release.release();
                    }
                }
            }
            writeGathered();
            // A no-op on the JDK's socket streams; a TLS provider's stream may buffer.
            out.flush();
        } finally {
            gathered = null;
            filled = 0;
        }
    }

    private void write(ByteBuffer b, WebSocketConnection engine) throws IOException {
        int length = b.remaining();
        boolean alone = filled == 0 && !engine.hasOutbound();
        if (b.hasArray() && (alone || length >= GATHER_BYTES)) {
            writeGathered();
            out.write(b.array(), b.arrayOffset() + b.position(), length);
            return;
        }
        if (gathered == null && length > 0) {
            // Sized for everything still queued, so a few small frames take a small array.
            gathered = new byte[(int) Math.min(GATHER_BYTES, length + engine.pendingOutboundBytes())];
        }
        // Absolute gets: a handed-over payload is the caller's buffer, its position stays theirs.
        for (int copied = 0; copied < length; ) {
            if (filled == gathered.length) {
                writeGathered();
            }
            int n = Math.min(length - copied, gathered.length - filled);
            b.get(b.position() + copied, gathered, filled, n);
            filled += n;
            copied += n;
        }
    }

    private void writeGathered() throws IOException {
        if (filled > 0) {
            out.write(gathered, 0, filled);
            filled = 0;
        }
    }
}
