package dev.wskit.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many connections at once, every message checked on both sides. */
public interface ManyConnectionsCases extends TransportCases {
    int CONNECTIONS = 500;
    int MESSAGES = 3;

    @Test
    default void fiveHundredClientsAtOnceEachGetEveryEchoInOrder(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        echoFromManyClients(kit, kit.client(WebSocketConfig.defaults(), null), server.uri(), CONNECTIONS, MESSAGES);
        // Each connection's server side got its own client's messages, in order.
        for (int c = 0; c < CONNECTIONS; c++) {
            Recorder serverSide = server.nextOpenConnection();
            String first = serverSide.nextText();
            String client = first.substring(0, first.indexOf(" message "));
            assertThat(first).isEqualTo(client + " message 0");
            for (int m = 1; m < MESSAGES; m++) {
                serverSide.expectText(client + " message " + m);
            }
        }
    }

    /**
     * {@code clients} connections of {@code client} to an echo at {@code uri} open all at once; each
     * sends {@code messages} texts once all are open, and gets each back in order.
     */
    static void echoFromManyClients(Kit kit, TransportUnderTest.Client client, URI uri, int clients, int messages)
            throws Exception {
        List<Recorder> recorders = new ArrayList<>();
        List<CompletableFuture<WebSocket>> connects = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Recorder recorder = kit.recorder("client");
            recorders.add(recorder);
            connects.add(client.connect(uri, recorder));
        }
        Kit.await(CompletableFuture.allOf(connects.toArray(new CompletableFuture<?>[0])));
        for (int c = 0; c < clients; c++) {
            for (int m = 0; m < messages; m++) {
                connects.get(c).join().sendText("client " + c + " message " + m);
            }
        }
        for (int c = 0; c < clients; c++) {
            recorders.get(c).expect("open");
            for (int m = 0; m < messages; m++) {
                recorders.get(c).expectText("client " + c + " message " + m);
            }
        }
    }

    /**
     * Handlers may send to other connections from their callbacks (a chat room): two callbacks
     * sending to each other's connections at once both complete, every message in order.
     */
    @Test
    default void twoCallbacksSendingToEachOthersConnectionsAtOnceBothComplete(Kit kit) throws Exception {
        int messages = 500;
        Set<WebSocket> room = ConcurrentHashMap.newKeySet();
        CountDownLatch bothJoined = new CountDownLatch(2);
        TransportUnderTest.Server server = kit.server(WebSocketConfig.defaults(), null, () -> new WebSocketHandler() {
            @Override
            public void onOpen(WebSocket socket) {
                room.add(socket);
                bothJoined.countDown();
            }

            @Override
            public void onText(WebSocket socket, String text) {
                for (int i = 0; i < messages; i++) {
                    for (WebSocket other : room) {
                        if (other != socket) {
                            other.sendText(text + " " + i);
                        }
                    }
                }
            }
        });
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
        Recorder alice = kit.connect(uri);
        Recorder bob = kit.connect(uri);
        assertThat(bothJoined.await(Events.WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("both joined").isTrue();
        alice.socket().sendText("alice");
        bob.socket().sendText("bob");
        for (int i = 0; i < messages; i++) {
            alice.expectText("bob " + i);
            bob.expectText("alice " + i);
        }
    }
}
