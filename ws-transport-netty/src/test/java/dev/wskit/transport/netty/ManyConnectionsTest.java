package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Test 5: hundreds of concurrent echo clients, every echo checked. */
class ManyConnectionsTest {
    private static final int CONNECTIONS = 300;
    private static final int MESSAGES = 3;

    @Test
    void threeHundredConcurrentClientsEachGetEveryEchoBack() throws IOException {
        NettyWebSocketServer server = NettyWebSocketServer.builder()
                .handler(() -> new EchoHandler(EchoHandler.newEventQueue())).build().start();
        try (NettyWebSocketClient client = NettyWebSocketClient.builder().build()) {
            List<CompletableFuture<List<String>>> done = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                done.add(talk(client, URI.create("ws://127.0.0.1:" + server.port() + "/" + i), i));
            }
            CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).orTimeout(60, TimeUnit.SECONDS).join();
            for (int i = 0; i < CONNECTIONS; i++) {
                assertThat(done.get(i).join()).containsExactly("client " + i + " message 0", "client " + i + " message 1",
                        "client " + i + " message 2");
            }
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
    }

    /** Sends the messages at once (from this thread: they hop onto the event loop), then closes after the last echo. */
    private static CompletableFuture<List<String>> talk(NettyWebSocketClient client, URI uri, int id) {
        List<String> echoes = new ArrayList<>();
        CompletableFuture<List<String>> done = new CompletableFuture<>();
        WebSocketHandler handler = new WebSocketHandler() {
            @Override
            public void onText(WebSocket socket, String text) {
                echoes.add(text);
                if (echoes.size() == MESSAGES) {
                    socket.close();
                }
            }

            @Override
            public void onClose(WebSocket socket, int code, String reason) {
                done.complete(echoes);
            }
        };
        client.connect(uri, handler).thenAccept(socket -> {
            for (int m = 0; m < MESSAGES; m++) {
                socket.sendText("client " + id + " message " + m);
            }
        }).exceptionally(failure -> {
            done.completeExceptionally(failure);
            return null;
        });
        return done;
    }
}
