package dev.wskit.transport.core.trace;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A wire trace as read back: its header and its records. A file cut short (the process ended
 * while it was being written) yields the records before the cut, and says so.
 *
 * @param header the named values the recorder wrote first (role, transport, peer, configuration)
 * @param records every complete record, in order
 * @param cut whether the file ended inside a record
 */
public record Trace(Map<String, String> header, List<TraceRecord> records, boolean cut) {

    public static Trace read(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }

    /** @throws IllegalArgumentException when {@code bytes} is not a wskit wire trace */
    public static Trace parse(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < TraceCodec.MAGIC.length
                || !Arrays.equals(bytes, 0, TraceCodec.MAGIC.length, TraceCodec.MAGIC, 0, TraceCodec.MAGIC.length)) {
            throw new IllegalArgumentException("not a wskit wire trace (version 1)");
        }
        in.position(TraceCodec.MAGIC.length);
        Map<String, String> header = new LinkedHashMap<>();
        TraceRecord.Fields fields = new TraceRecord.Fields(in);
        try {
            for (long n = fields.number(); n > 0; n--) {
                header.put(fields.text(), fields.text());
            }
        } catch (BufferUnderflowException | IllegalArgumentException broken) {
            throw new IllegalArgumentException("the trace's header is cut or broken");
        }
        List<TraceRecord> records = new ArrayList<>();
        TraceKind[] kinds = TraceKind.values();
        while (in.hasRemaining()) {
            int start = in.position();
            try {
                int code = in.get();
                if (code < 0 || code >= kinds.length) {
                    throw new IllegalArgumentException("unknown record kind " + code + " at byte " + start);
                }
                TraceKind kind = kinds[code];
                long time = kind.isTimed() ? fields.number() : 0;
                byte[] body = new byte[fields.integer()];
                in.get(body);
                records.add(new TraceRecord(records.size(), kind, time, body));
            } catch (BufferUnderflowException cutShort) {
                return new Trace(Collections.unmodifiableMap(header), List.copyOf(records), true);
            }
        }
        return new Trace(Collections.unmodifiableMap(header), List.copyOf(records), false);
    }

    /** Whether the recorder finished it: the connection ended, or the trace reached its bound. */
    public boolean isComplete() {
        if (records.isEmpty()) {
            return false;
        }
        TraceKind last = records.get(records.size() - 1).kind();
        return last == TraceKind.END || last == TraceKind.TRUNCATED;
    }

    /** A header value, or {@code fallback} when the recorder did not write it. */
    public String header(String name, String fallback) {
        return header.getOrDefault(name, fallback);
    }
}
