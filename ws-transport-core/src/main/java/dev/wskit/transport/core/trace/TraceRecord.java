package dev.wskit.transport.core.trace;

import java.nio.ByteBuffer;

/**
 * One record of a wire trace: its kind, when it happened (nanoseconds since {@link TraceKind#START},
 * for {@link TraceKind#isTimed() timed} kinds), and its fields, read in the order they were written.
 */
public final class TraceRecord {
    private final int index;
    private final TraceKind kind;
    private final long time;
    private final byte[] body;

    TraceRecord(int index, TraceKind kind, long time, byte[] body) {
        this.index = index;
        this.kind = kind;
        this.time = time;
        this.body = body;
    }

    /** Its place in the trace, from 0. */
    public int index() {
        return index;
    }

    public TraceKind kind() {
        return kind;
    }

    public long time() {
        return time;
    }

    /** A reader of its fields from the first. */
    public Fields fields() {
        return new Fields(ByteBuffer.wrap(body));
    }

    @Override
    public String toString() {
        return "#" + index + " " + kind + (kind.isTimed() ? String.format(java.util.Locale.ROOT, " at %.3f ms", time / 1e6) : "");
    }

    /** The fields of one record, read in order. */
    public static final class Fields {
        private final ByteBuffer in;

        Fields(ByteBuffer in) {
            this.in = in;
        }

        public long number() {
            return TraceCodec.readVarLong(in);
        }

        public int integer() {
            return Math.toIntExact(number());
        }

        public boolean flag() {
            return in.get() != 0;
        }

        public byte[] bytes() {
            byte[] bytes = new byte[integer()];
            in.get(bytes);
            return bytes;
        }

        public String text() {
            return new String(bytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        /** A string written with {@link TraceWriter.Fields#nullableText}. */
        public String nullableText() {
            return flag() ? text() : null;
        }
    }
}
