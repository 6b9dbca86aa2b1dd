package dev.wskit.examples.client;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocket;
import java.io.PrintStream;
import java.nio.ByteBuffer;

/**
 * {@code --echo}: sends every message back unchanged, text as text and binary as binary, until the
 * server closes. Messages are not printed, so a fuzzing server's large cases stay fast.
 */
final class EchoingHandler extends ReportingHandler {

    EchoingHandler(PrintStream out) {
        super(out);
    }

    @Override
    public void onText(WebSocket socket, String text) {
        // After the server's close frame nothing more may be sent (RFC 6455 §5.5.1).
        if (socket.state() == ConnectionState.OPEN) {
            socket.sendText(text);
        }
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        if (socket.state() == ConnectionState.OPEN) {
            socket.sendBinary(data);
        }
    }
}
