package dev.wskit.examples.echo;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import java.nio.ByteBuffer;

/**
 * Sends every message back unchanged, text as text and binary as binary. Stateless, so one
 * instance serves every connection. Pings are answered by the engine itself.
 */
final class EchoHandler implements WebSocketHandler {

    @Override
    public void onText(WebSocket socket, String text) {
        // Once our close is sent (a server stop) the peer may still send; there is no one to answer.
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
