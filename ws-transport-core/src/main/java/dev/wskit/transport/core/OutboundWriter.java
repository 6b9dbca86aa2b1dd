package dev.wskit.transport.core;

import dev.wskit.protocol.PayloadRelease;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Writes what the driver queued to a connection's {@link OutputStream} (the blocking transport's
 * socket stream), in queue order, holding no buffer between
 * writes: an idle connection keeps no write buffer. A buffer written alone, or at least
 * {@link #GATHER_BYTES} long, goes to the stream straight from its array; several small frames are
 * gathered into one short-lived array, so they cost one write to the socket (over TLS, one record)
 * rather than one each. Buffers without an accessible array (direct or read-only) are copied
 * through that array.
 *
 * <p>Not thread-safe: its connection adds and takes batches with its lock held, and one thread at a
 * time writes a batch without it.
 */
public final class OutboundWriter {
    /**
     * The most gathered into one write: TLS plaintext records hold at most 2^14 bytes (RFC 8446
     * §5.1, RFC 5246 §6.2.1), so over TLS a gathered write is one record.
     */
    public static final int GATHER_BYTES = 16 * 1024;
    private static final PayloadRelease NOTHING_TO_RELEASE = () -> { };

    private final OutputStream out;
    /** Buffers added and not yet taken by {@link #takeBatch}, each with its release; null when none. */
    private Batch pending;
    // Between the start and the end of writeBatch only; null otherwise.
    private byte[] gathered;
    private int filled;
    private Batch writing;

    /** A writer to {@code out}, which one thread at a time writes to. */
    public OutboundWriter(OutputStream out) {
        this.out = out;
    }

    /** Buffers taken together to be written in one go, in order. */
    public static final class Batch {
        private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
        private final ArrayDeque<PayloadRelease> releases = new ArrayDeque<>();
        private long bytes;

        private Batch() {
        }

        /** The bytes of this batch not yet written. */
        public long bytes() {
            return bytes;
        }

        /** Runs the releases of what was not written. */
        public void discard() {
            releases.forEach(PayloadRelease::release);
            buffers.clear();
            releases.clear();
            bytes = 0;
        }
    }

    /** Queues {@code bytes} for the next batch; {@code release} (may be null) runs once they are written or dropped. */
    public void add(ByteBuffer bytes, PayloadRelease release) {
        if (pending == null) {
            pending = new Batch();
        }
        pending.buffers.add(bytes);
        // ArrayDeque takes no nulls: a buffer with nothing to release gets a no-op.
        pending.releases.add(release == null ? NOTHING_TO_RELEASE : release);
        pending.bytes += bytes.remaining();
    }

    /** Whether anything was added since the last {@link #takeBatch}. */
    public boolean hasPending() {
        return pending != null;
    }

    /** The bytes added and not yet taken. */
    public long pendingBytes() {
        return pending == null ? 0 : pending.bytes;
    }

    /** Everything added so far, to be written by {@link #writeBatch}; {@code null} when nothing is. */
    public Batch takeBatch() {
        Batch taken = pending;
        pending = null;
        return taken;
    }

    /**
     * Writes {@code batch} in order, blocking while the peer does not read. Each buffer's release
     * runs once its bytes are written or copied, also when the write fails (then what is left is
     * dropped and released too). One batch at a time.
     */
    public void writeBatch(Batch batch) throws IOException {
        writing = batch;
        try {
            for (ByteBuffer b; (b = batch.buffers.poll()) != null; ) {
                PayloadRelease release = batch.releases.poll();
                batch.bytes -= b.remaining();
                try {
                    write(b);
                } finally {
                    release.release();
                }
            }
            writeGathered();
            // A no-op on the JDK's socket streams; a TLS provider's stream may buffer.
            out.flush();
        } finally {
            gathered = null;
            filled = 0;
            writing = null;
            batch.discard();
        }
    }

    /** Drops what was added and not taken, running its releases. */
    public void discard() {
        if (pending != null) {
            pending.discard();
            pending = null;
        }
    }

    private void write(ByteBuffer b) throws IOException {
        int length = b.remaining();
        boolean alone = filled == 0 && writing.buffers.isEmpty();
        if (b.hasArray() && (alone || length >= GATHER_BYTES)) {
            writeGathered();
            out.write(b.array(), b.arrayOffset() + b.position(), length);
            return;
        }
        if (gathered == null && length > 0) {
            // Sized for everything still queued, so a few small frames take a small array.
            gathered = new byte[(int) Math.min(GATHER_BYTES, length + writing.bytes)];
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
