package dev.wskit.examples.echo;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.engine.KeptMessage;
import java.nio.ByteBuffer;

/**
 * Sends every message back unchanged, text as text and binary as binary, without copying it: the
 * received message is kept and forwarded as it lies (see {@link KeptMessage}). Stateless, so one
 * instance serves every connection. Pings are answered by the engine itself.
 */
final class EchoHandler implements WebSocketHandler {

    /** Once our close is sent (a server stop) the peer may still send: the forward is then refused, and the message freed. */
    @Override
    public void onText(WebSocket socket, String text) {
        KeptMessage.take(socket).forwardTo(socket);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        KeptMessage.take(socket).forwardTo(socket);
    }
}
