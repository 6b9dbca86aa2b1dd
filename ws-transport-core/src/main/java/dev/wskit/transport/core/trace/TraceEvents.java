package dev.wskit.transport.core.trace;

import dev.wskit.protocol.WebSocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One line per handler callback, as a trace records it and a replay compares it: the callback,
 * the sizes, a CRC-32 of any payload (so a replay that delivers different bytes differs), and the
 * start of text, for a person reading it.
 */
public final class TraceEvents {
    private static final int SHOWN_CHARS = 40;

    private TraceEvents() {
    }

    public static String open(String subprotocol) {
        return subprotocol == null ? "onOpen" : "onOpen subprotocol=" + subprotocol;
    }

    public static String text(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        String shown = text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "…";
        return "onText " + utf8.length + " B crc32=" + crc(ByteBuffer.wrap(utf8)) + " " + quoted(shown);
    }

    public static String binary(ByteBuffer data) {
        return "onBinary " + data.remaining() + " B crc32=" + crc(data);
    }

    public static String textFragment(ByteBuffer utf8, boolean last) {
        return "onTextFragment " + utf8.remaining() + " B crc32=" + crc(utf8) + (last ? " last" : "");
    }

    public static String binaryFragment(ByteBuffer data, boolean last) {
        return "onBinaryFragment " + data.remaining() + " B crc32=" + crc(data) + (last ? " last" : "");
    }

    public static String ping(ByteBuffer payload) {
        return "onPing " + payload.remaining() + " B crc32=" + crc(payload);
    }

    public static String pong(ByteBuffer payload) {
        return "onPong " + payload.remaining() + " B crc32=" + crc(payload);
    }

    public static String drain() {
        return "onDrain";
    }

    public static String close(int code, String reason) {
        return "onClose " + code + " " + quoted(reason);
    }

    /** The broken rule and its close code; not the detail, which may name the application's classes. */
    public static String error(WebSocketException error) {
        return "onError " + error.violation() + " (" + error.closeCode() + ")";
    }

    private static String crc(ByteBuffer data) {
        CRC32 crc = new CRC32();
        crc.update(data.duplicate());
        return String.format("%08x", crc.getValue());
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
