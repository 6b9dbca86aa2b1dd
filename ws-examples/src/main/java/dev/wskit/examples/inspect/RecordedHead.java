package dev.wskit.examples.inspect;

import dev.wskit.protocol.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The HTTP head at the front of a capture, read only as far as the listing needs: where it ends,
 * its start line and its fields. The engine that replays the capture reads it again, strictly,
 * and judges it.
 */
final class RecordedHead {
    private static final String LINE_END = "\r\n";

    private final String[] lines;
    private final HttpHeaders headers;

    private RecordedHead(String[] lines, HttpHeaders headers) {
        this.lines = lines;
        this.headers = headers;
    }

    /**
     * Reads the head at {@code capture}'s position and moves past it; {@code null}, leaving
     * {@code capture} alone, when it holds no complete head of {@code name: value} lines.
     */
    static RecordedHead read(ByteBuffer capture) {
        String text = new String(capture.array(), capture.arrayOffset() + capture.position(), capture.remaining(),
                StandardCharsets.ISO_8859_1);
        int end = text.indexOf(LINE_END + LINE_END);
        if (end < 0) {
            return null;
        }
        String[] lines = text.substring(0, end).split(LINE_END, -1);
        HttpHeaders.Builder headers = HttpHeaders.builder();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            try {
                // A line without a colon has an empty name, which the builder refuses like any bad one.
                headers.add(lines[i].substring(0, Math.max(colon, 0)), lines[i].substring(colon + 1).strip());
            } catch (IllegalArgumentException unreadable) {
                return null;
            }
        }
        capture.position(capture.position() + end + 2 * LINE_END.length());
        return new RecordedHead(lines, headers.build());
    }

    /** The request line or status line. */
    String startLine() {
        return lines[0];
    }

    HttpHeaders headers() {
        return headers;
    }

    /** The head as recorded, for the engine to read. */
    ByteBuffer bytes() {
        return encode(lines);
    }

    /** The head as recorded but with {@code name}'s lines holding {@code value}. */
    ByteBuffer with(String name, String value) {
        String[] replaced = lines.clone();
        for (int i = 1; i < replaced.length; i++) {
            if (replaced[i].toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                replaced[i] = name + ": " + value;
            }
        }
        return encode(replaced);
    }

    private static ByteBuffer encode(String[] lines) {
        return ByteBuffer.wrap((String.join(LINE_END, lines) + LINE_END + LINE_END).getBytes(StandardCharsets.ISO_8859_1));
    }
}
