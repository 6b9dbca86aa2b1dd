package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Test 5 and the verticle requirement: the server deployed as several verticle instances sharing
 * one port, 500 concurrent clients (ours), each sending a few messages, every echo verified.
 */
@ExtendWith(VertxExtension.class)
class ManyConnectionsTest {
    private static final int CLIENTS = 500;
    private static final int MESSAGES = 4;
    private static final int INSTANCES = 4;
    private static final long T = 60;

    @Test
    void fiveHundredClientsGetEveryMessageBackFromFourVerticleInstances(Vertx vertx) throws Exception {
        List<WebSocketVerticle> verticles = new CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> {
            WebSocketVerticle verticle = new WebSocketVerticle(server -> server.sharedFreePort(11).handler(EchoHandler::new));
            verticles.add(verticle);
            return verticle;
        }, new DeploymentOptions().setInstances(INSTANCES)).await(T, TimeUnit.SECONDS);
        int port = verticles.get(0).server().port();
        assertThat(verticles).allSatisfy(v -> assertThat(v.server().port()).isEqualTo(port));

        VertxWebSocketClient client = VertxWebSocketClient.builder(vertx).build();
        CountDownLatch allEchoed = new CountDownLatch(CLIENTS * MESSAGES);
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        List<Future<WebSocket>> connects = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int id = c;
            connects.add(client.connect(URI.create("ws://127.0.0.1:" + port + "/c" + id), new WebSocketHandler() {
                private int next;

                @Override
                public void onOpen(WebSocket socket) {
                    for (int m = 0; m < MESSAGES; m++) {
                        socket.sendText("client " + id + " message " + m);
                    }
                }

                @Override
                public void onText(WebSocket socket, String text) {
                    // Echoes come back in the order sent, on this connection only.
                    String expected = "client " + id + " message " + next++;
                    if (!text.equals(expected)) {
                        wrong.add(text + " instead of " + expected);
                    }
                    allEchoed.countDown();
                }
            }));
        }
        Future.all(connects).await(T, TimeUnit.SECONDS);
        assertThat(allEchoed.await(T, TimeUnit.SECONDS)).as("all %d echoes in time", CLIENTS * MESSAGES).isTrue();
        assertThat(wrong).isEmpty();
        int total = 0;
        for (WebSocketVerticle v : verticles) {
            total += v.server().openConnections();
        }
        assertThat(total).isEqualTo(CLIENTS);
        client.shutdown().await(T, TimeUnit.SECONDS);
    }
}
