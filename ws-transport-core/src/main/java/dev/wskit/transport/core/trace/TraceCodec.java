package dev.wskit.transport.core.trace;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Unsigned LEB128 numbers, the trace's one integer encoding (small values take one byte). */
final class TraceCodec {
    /** What every trace file starts with; the digit is the format's version. */
    static final byte[] MAGIC = "WSKIT-TRACE 1\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private TraceCodec() {
    }

    static void writeVarLong(ByteArrayOutputStream out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    static long readVarLong(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("a number longer than 64 bits");
    }
}
