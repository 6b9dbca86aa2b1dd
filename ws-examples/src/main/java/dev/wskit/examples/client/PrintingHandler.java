package dev.wskit.examples.client;

import dev.wskit.protocol.WebSocket;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Prints every event: a text message as it is, one per line; anything else on a line of its own
 * starting with a bracketed tag, binary data in hex.
 */
final class PrintingHandler extends ReportingHandler {

    PrintingHandler(PrintStream out) {
        super(out);
    }

    @Override
    public void onText(WebSocket socket, String text) {
        out.println(text);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        out.println("[binary " + data.remaining() + " bytes] " + hex(data));
    }

    @Override
    public void onPing(WebSocket socket, ByteBuffer payload) {
        out.println("[ping] " + readable(payload));
    }

    @Override
    public void onPong(WebSocket socket, ByteBuffer payload) {
        out.println("[pong] " + readable(payload));
    }

    /** A control payload as text when it is UTF-8 (as {@code /ping TEXT} sends it), else as hex. */
    private static String readable(ByteBuffer payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(payload.duplicate()).toString();
        } catch (CharacterCodingException notText) {
            return "hex " + hex(payload);
        }
    }

    private static String hex(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
