package dev.wskit.benchmarks.servers;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.engine.KeptMessage;
import java.nio.ByteBuffer;

/**
 * The echo every wskit server runs: whole messages (the default delivery), text back as text and
 * binary back as binary, as an application would write it. Stateless, so one instance serves all
 * connections. Public for the HTTP/2 benchmark's server, which runs the same echo.
 */
public final class WskitEcho implements WebSocketHandler {
    /** The one instance. */
    public static final WskitEcho INSTANCE = new WskitEcho();

    private WskitEcho() {
    }

    /**
     * As the echo app: a message of {@link KeptMessage#MIN_UNCOPIED_SIZE} bytes or more is kept
     * and sent back as it lies; a smaller one is sent from the handler's view, copied once into
     * its frame, which costs less than keeping it (a copy of its own, then the frame's).
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
