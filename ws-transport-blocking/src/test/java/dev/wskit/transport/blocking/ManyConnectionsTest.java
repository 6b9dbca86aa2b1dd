package dev.wskit.transport.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hundreds of concurrent echo connections, every echo checked. */
class ManyConnectionsTest {
    private static final int CONNECTIONS = 300;
    private static final int MESSAGES = 5;

    @Test
    @Timeout(90)
    void echoesEveryMessageOfThreeHundredConcurrentClients() throws Exception {
        try (BlockingWebSocketServer server = BlockingWebSocketServer.builder().handler(RecordingHandler::echoing).build().start();
             BlockingWebSocketClient client = BlockingWebSocketClient.builder().build()) {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
            ExecutorService connecting = Executors.newFixedThreadPool(16);
            List<Future<RecordingHandler>> sessions = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                int id = i;
                sessions.add(connecting.submit(() -> {
                    RecordingHandler handler = RecordingHandler.recording();
                    WebSocket socket = client.connect(uri, handler);
                    for (int m = 0; m < MESSAGES; m++) {
                        socket.sendText("client " + id + " message " + m);
                    }
                    return handler;
                }));
            }
            // Every client is connected and has sent all before any echo is checked: all run at once.
            List<RecordingHandler> handlers = new ArrayList<>();
            for (Future<RecordingHandler> session : sessions) {
                handlers.add(session.get(60, TimeUnit.SECONDS));
            }
            connecting.shutdown();
            for (int i = 0; i < CONNECTIONS; i++) {
                for (int m = 0; m < MESSAGES; m++) {
                    assertThat(handlers.get(i).nextMessage()).isEqualTo("client " + i + " message " + m);
                }
            }
        }
    }
}
