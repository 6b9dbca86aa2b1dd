package dev.wskit.transport.netty;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The server side of the tests: echoes every message, closes with 4000 "bye" when told
 * {@code "close-please"}, and reports each close as {@code "<path> close:<code>:<reason>"} and
 * each error as {@code "<path> error:<violation>"} into a queue shared by all connections. Not
 * final: a test may extend {@link #onOpen} to look at the connection's channel.
 */
class EchoHandler implements WebSocketHandler {
    static final String CLOSE_COMMAND = "close-please";

    private final BlockingQueue<String> events;
    private final Thread[] callbackThread = new Thread[1];

    EchoHandler(BlockingQueue<String> events) {
        this.events = events;
    }

    static BlockingQueue<String> newEventQueue() {
        return new LinkedBlockingQueue<>();
    }

    @Override
    public void onOpen(WebSocket socket) {
        callbackThread[0] = Thread.currentThread();
    }

    @Override
    public void onText(WebSocket socket, String text) {
        checkThread(socket);
        if (text.equals(CLOSE_COMMAND)) {
            socket.close(4000, "bye");
        } else {
            socket.sendText(text);
        }
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        checkThread(socket);
        socket.sendBinary(data);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        events.add(socket.request().path() + " close:" + code + ":" + reason);
    }

    @Override
    public void onError(WebSocket socket, WebSocketException error) {
        String path = socket.request() == null ? "?" : socket.request().path();
        events.add(path + " error:" + error.violation());
    }

    /** Callbacks must arrive on the channel's event loop, always the same thread. */
    private void checkThread(WebSocket socket) {
        NettyWebSocket netty = (NettyWebSocket) socket;
        if (!netty.channel().eventLoop().inEventLoop() || callbackThread[0] != Thread.currentThread()) {
            socket.close(CloseCode.INTERNAL_ERROR, "callback off the event loop");
        }
    }
}
