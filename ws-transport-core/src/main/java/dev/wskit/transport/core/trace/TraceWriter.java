package dev.wskit.transport.core.trace;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes one connection's trace: {@link TraceCodec#MAGIC}, a header of named values, then records,
 * each its kind, its time when {@link TraceKind#isTimed() timed}, and its fields' length and bytes.
 * At most {@code maxBytes} go to the stream: the record that would pass the bound is replaced by
 * {@link TraceKind#TRUNCATED}, and nothing is written after it. A failed write ends the trace as
 * quietly: a trace never fails the connection it watches.
 */
public final class TraceWriter implements Closeable {
    /** Room kept for the {@link TraceKind#TRUNCATED} record: its kind, a time, an empty body. */
    private static final int TRUNCATED_BYTES = 1 + 10 + 1;

    private final OutputStream out;
    private final long maxBytes;
    private final ByteArrayOutputStream record = new ByteArrayOutputStream();
    private final Fields fields = new Fields();
    private long written;
    private boolean open = true;

    public TraceWriter(OutputStream out, long maxBytes, Map<String, String> header) {
        this.out = out;
        this.maxBytes = maxBytes;
        record.writeBytes(TraceCodec.MAGIC);
        TraceCodec.writeVarLong(record, header.size());
        header.forEach((name, value) -> fields.text(name).text(value));
        record.writeBytes(fields.body.toByteArray());
        flushRecord();
    }

    /** Whether records are still written (not past the bound, no write failed, not closed). */
    public boolean isOpen() {
        return open;
    }

    /** Appends a record of {@code kind} at {@code time}, its fields written by {@code body}. */
    public void write(TraceKind kind, long time, Consumer<Fields> body) {
        if (!open) {
            return;
        }
        fields.body.reset();
        body.accept(fields);
        record.write(kind.ordinal());
        if (kind.isTimed()) {
            TraceCodec.writeVarLong(record, time);
        }
        TraceCodec.writeVarLong(record, fields.body.size());
        if (written + record.size() + fields.body.size() + TRUNCATED_BYTES > maxBytes) {
            record.reset();
            record.write(TraceKind.TRUNCATED.ordinal());
            TraceCodec.writeVarLong(record, time);
            TraceCodec.writeVarLong(record, 0);
            flushRecord();
            close();
            return;
        }
        record.writeBytes(fields.body.toByteArray());
        flushRecord();
    }

    private void flushRecord() {
        if (!open) {
            return;
        }
        try {
            record.writeTo(out);
            written += record.size();
        } catch (IOException failed) {
            closeQuietly();
        } finally {
            record.reset();
        }
    }

    @Override
    public void close() {
        if (open) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        open = false;
        try {
            out.close();
        } catch (IOException ignored) {
            // The trace ends here either way; the connection it watched is not concerned.
        }
    }

    /** The fields of the record being written, in the order {@link TraceRecord.Fields} reads them. */
    public static final class Fields {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        private Fields() {
        }

        public Fields number(long value) {
            TraceCodec.writeVarLong(body, value);
            return this;
        }

        public Fields flag(boolean value) {
            body.write(value ? 1 : 0);
            return this;
        }

        public Fields bytes(byte[] bytes) {
            number(bytes.length);
            body.writeBytes(bytes);
            return this;
        }

        /** The bytes {@code data} has remaining, which it keeps. */
        public Fields bytes(java.nio.ByteBuffer data) {
            number(data.remaining());
            if (data.hasArray()) {
                body.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            } else {
                byte[] copy = new byte[data.remaining()];
                data.duplicate().get(copy);
                body.writeBytes(copy);
            }
            return this;
        }

        public Fields text(String text) {
            return bytes(text.getBytes(StandardCharsets.UTF_8));
        }

        public Fields nullableText(String text) {
            flag(text != null);
            return text != null ? text(text) : this;
        }
    }
}
