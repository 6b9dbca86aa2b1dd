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

    /**
     * A writer to {@code out}, which one thread at a time writes to.
     *
     * @param out the connection's stream (a socket's, or a TLS socket's), written to and flushed
     *     only by {@link #writeBatch}; never closed here
     */
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

        /**
         * The bytes of this batch not yet written.
         *
         * @return the count of bytes still to go to the stream, from 0; it falls as
         *     {@link #writeBatch} hands each buffer on
         */
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

    /**
     * Queues {@code bytes} for the next batch; {@code release} (may be null) runs once they are written or dropped.
     *
     * @param bytes the bytes to write, from its position to its limit: frames already encoded
     *     (RFC 6455 §5.2), masked where the role requires it. Not copied: it must not change until
     *     {@code release} runs
     * @param release run once when {@code bytes} has been written or copied, or is dropped
     *     unwritten; {@code null} when there is nothing to give back
     */
    public void add(ByteBuffer bytes, PayloadRelease release) {
        if (pending == null) {
            pending = new Batch();
        }
        pending.buffers.add(bytes);
        // ArrayDeque takes no nulls: a buffer with nothing to release gets a no-op.
        pending.releases.add(release == null ? NOTHING_TO_RELEASE : release);
        pending.bytes += bytes.remaining();
    }

    /**
     * Whether anything was added since the last {@link #takeBatch}.
     *
     * @return {@code true} when {@link #takeBatch} would return a batch rather than {@code null}
     */
    public boolean hasPending() {
        return pending != null;
    }

    /**
     * The bytes added and not yet taken.
     *
     * @return the count of bytes in buffers added since the last {@link #takeBatch}, from 0; the
     *     batch being written is not counted
     */
    public long pendingBytes() {
        return pending == null ? 0 : pending.bytes;
    }

    /**
     * Everything added so far, to be written by {@link #writeBatch}; {@code null} when nothing is.
     *
     * @return the buffers added since the last call, in the order added, with their releases; or
     *     {@code null} when none were. Later additions go to a new batch
     */
    public Batch takeBatch() {
        Batch taken = pending;
        pending = null;
        return taken;
    }

    /**
     * Writes {@code batch} in order, blocking while the peer does not read. Each buffer's release
     * runs once its bytes are written or copied, also when the write fails (then what is left is
     * dropped and released too). One batch at a time.
     *
     * @param batch a batch {@link #takeBatch} returned, written once; it is empty afterwards,
     *     whether the write succeeded or not
     * @throws IOException when the stream fails (the peer reset the connection, the socket was
     *     closed by a timeout or a stop); every buffer of the batch has been released by then
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
