package dev.wskit.examples.echo;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.engine.KeptMessage;
import java.nio.ByteBuffer;

/**
 * Sends every message back unchanged, text as text and binary as binary. A message of
 * {@link KeptMessage#MIN_UNCOPIED_SIZE} bytes or more goes back without a copy: it is kept and
 * forwarded as it lies (see {@link KeptMessage}); a smaller one is sent from the handler's view,
 * copied once into its frame, which costs less than keeping it. Stateless, so one instance
 * serves every connection. Pings are answered by the engine itself.
 */
final class EchoHandler implements WebSocketHandler {

    /**
     * Once our close is sent (a server stop) the peer may still send: the send is then refused
     * (and a kept message freed). A string shorter than the threshold is surely fewer bytes than
     * it, as every char is at least one byte.
     */
    @Override
    public void onText(WebSocket socket, String text) {
        if (text.length() < KeptMessage.MIN_UNCOPIED_SIZE) {
            socket.sendText(text);
        } else {
            KeptMessage.take(socket).forwardTo(socket);
        }
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        if (data.remaining() < KeptMessage.MIN_UNCOPIED_SIZE) {
            socket.sendBinary(data);
        } else {
            KeptMessage.take(socket).forwardTo(socket);
        }
    }
}
