package dev.wskit.transport.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A handler may send to other connections from its callbacks (a chat room broadcasting, say).
 * Two callbacks sending to each other's connections at once must not deadlock on the two
 * connections' locks.
 */
@Timeout(60)
class CrossConnectionSendTest {
    private static final int MESSAGES = 500;

    @Test
    void twoCallbacksBroadcastingToEachOtherAtOnceBothComplete() throws Exception {
        Set<WebSocket> room = ConcurrentHashMap.newKeySet();
        try (BlockingWebSocketServer server = BlockingWebSocketServer.builder()
                .handler(() -> new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        room.add(socket);
                    }

                    @Override
                    public void onText(WebSocket socket, String text) {
                        for (int i = 0; i < MESSAGES; i++) {
                            for (WebSocket other : room) {
                                if (other != socket) {
                                    other.sendText(text + " " + i);
                                }
                            }
                        }
                    }
                })
                .build().start();
             BlockingWebSocketClient client = BlockingWebSocketClient.builder().build()) {
            CountDownLatch bothReceivedAll = new CountDownLatch(2);
            List<String> names = List.of("alice", "bob");
            WebSocket[] sockets = new WebSocket[2];
            for (int c = 0; c < 2; c++) {
                String from = names.get(1 - c);
                sockets[c] = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), new WebSocketHandler() {
                    private int next;

                    @Override
                    public void onText(WebSocket socket, String text) {
                        assertThat(text).isEqualTo(from + " " + next);
                        if (++next == MESSAGES) {
                            bothReceivedAll.countDown();
                        }
                    }
                });
            }
            while (room.size() < 2) {
                Thread.onSpinWait();
            }
            sockets[0].sendText("alice");
            sockets[1].sendText("bob");
            assertThat(bothReceivedAll.await(30, TimeUnit.SECONDS)).as("every broadcast arrived, in order").isTrue();
        }
    }
}
