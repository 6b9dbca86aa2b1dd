package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Vert.x's own WebSocket client, its events as lines in a queue. */
final class VertxPeer {
    final WebSocket socket;
    final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    private VertxPeer(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(events::add);
        socket.binaryMessageHandler(b -> events.add(b.getBytes()));
        socket.pongHandler(b -> events.add("pong " + b));
        socket.closeHandler(v -> events.add("close " + socket.closeStatusCode() + " " + socket.closeReason()));
    }

    static VertxPeer connect(WebSocketClient client, int port, String path) throws Exception {
        return new VertxPeer(client.connect(port, "127.0.0.1", path).await(RecordingHandler.TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    Object next() throws InterruptedException {
        Object event = events.poll(RecordingHandler.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(event).as("event in time").isNotNull();
        return event;
    }
}
