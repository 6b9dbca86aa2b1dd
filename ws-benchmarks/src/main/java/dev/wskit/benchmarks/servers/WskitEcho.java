package dev.wskit.benchmarks.servers;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
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

    @Override
    public void onText(WebSocket socket, String text) {
        socket.sendText(text);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        // The view is valid only during this call; sendBinary copies what it queues.
        socket.sendBinary(data);
    }
}
