package consumer.echocheck;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import java.nio.ByteBuffer;

/** The application's handler: every message back to its sender. */
public final class Echo implements WebSocketHandler {
    @Override
    public void onText(WebSocket ws, String text) {
        ws.sendText(text);
    }

    @Override
    public void onBinary(WebSocket ws, ByteBuffer data) {
        ws.sendBinary(data);
    }
}
