package dev.wskit.cluster;

import static dev.wskit.cluster.ClusterSemanticsTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.testkit.RedisServer;
import dev.wskit.transport.blocking.BlockingWebSocketServer;
import dev.wskit.transport.core.ServerBuilder;
import dev.wskit.transport.core.WebSocketServer;
import dev.wskit.transport.netty.NettyWebSocketServer;
import dev.wskit.transport.vertx.VertxWebSocketServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clusters of wskit servers on different transports, each node a room of the WebSocket clients
 * connected to it, with the JDK's client as every peer: every client gets every message of every
 * node exactly once, in each sender's order; and a client whose node died resumes on another with
 * its last id.
 */
class MixedTransportsClusterTest {
    private static final String TOPIC = "room";
    private static final int MESSAGES_PER_CLIENT = 200;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void clientsOfABlockingANettyAndAVertxNodeGetEveryMessageOnceInEachSendersOrder() throws Exception {
        RedisServer redis = RedisServer.start();
        toClose.add(redis);
        List<CompletableFuture<Void>> membersLive = new ArrayList<>();
        List<URI> nodes = new ArrayList<>();
        for (String transport : List.of("blocking", "netty", "vertx")) {
            RedisCluster cluster = RedisCluster.builder(redis.uri()).connect();
            toClose.add(cluster);
            CompletableFuture<Void> live = new CompletableFuture<>();
            membersLive.add(live);
            WebSocketServer server = serverBuilder(transport).handler(() -> new RoomMember(cluster, transport, live))
                    .build();
            server.start();
            toClose.add(() -> server.stop(java.time.Duration.ofSeconds(1)));
            nodes.add(URI.create("ws://127.0.0.1:" + server.port() + "/"));
        }

        List<Client> clients = new ArrayList<>();
        for (URI node : nodes) {
            clients.add(Client.connect(node));
        }
        for (CompletableFuture<Void> live : membersLive) {
            live.get(30, TimeUnit.SECONDS);
        }
        for (int c = 0; c < clients.size(); c++) {
            for (int n = 0; n < MESSAGES_PER_CLIENT; n++) {
                clients.get(c).socket.sendText("c" + c + "-" + n, true).get(10, TimeUnit.SECONDS);
            }
        }

        int expected = clients.size() * MESSAGES_PER_CLIENT;
        for (Client client : clients) {
            Map<String, Integer> nextFromSender = new HashMap<>();
            for (int i = 0; i < expected; i++) {
                String received = client.received.poll(30, TimeUnit.SECONDS);
                assertThat(received).as("message " + (i + 1) + " of " + expected + " at " + client.uri).isNotNull();
                String message = received.substring(received.indexOf(' ') + 1);
                String sender = message.substring(0, message.indexOf('-'));
                int number = Integer.parseInt(message.substring(message.indexOf('-') + 1));
                assertThat(number).as("from " + sender + " at " + client.uri + ": in order, each once")
                        .isEqualTo(nextFromSender.getOrDefault(sender, 0));
                nextFromSender.put(sender, number + 1);
            }
            assertThat(client.received.poll(300, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
        }
    }

    /**
     * A node dies (its cluster stops without leaving, its server drops its connections) while
     * another node's client goes on sending: the dead node's client connects to the other node with
     * the id of the last message it got, and gets every message after it, once, in order.
     */
    @Test
    void aClientOfAKilledNodeResumesOnAnotherNodeWithItsLastIdAndLosesNothing() throws Exception {
        RedisServer redis = RedisServer.start();
        toClose.add(redis);
        RedisCluster dying = RedisCluster.builder(redis.uri()).connect();
        CompletableFuture<Void> dyingLive = new CompletableFuture<>();
        WebSocketServer dyingServer = serverBuilder("netty")
                .handler(() -> new RoomMember(dying, "netty", dyingLive)).build();
        dyingServer.start();
        RedisCluster surviving = RedisCluster.builder(redis.uri()).connect();
        toClose.add(surviving);
        List<CompletableFuture<Void>> survivingLive = new ArrayList<>();
        WebSocketServer survivingServer = serverBuilder("blocking").handler(() -> {
            CompletableFuture<Void> live = new CompletableFuture<>();
            survivingLive.add(live);
            return new RoomMember(surviving, "blocking", live);
        }).build();
        survivingServer.start();
        toClose.add(() -> survivingServer.stop(java.time.Duration.ofSeconds(1)));

        Client resuming = Client.connect(URI.create("ws://127.0.0.1:" + dyingServer.port() + "/"));
        Client sender = Client.connect(URI.create("ws://127.0.0.1:" + survivingServer.port() + "/"));
        dyingLive.get(30, TimeUnit.SECONDS);
        survivingLive.get(0).get(30, TimeUnit.SECONDS);
        for (int n = 0; n < 50; n++) {
            sender.socket.sendText("m-" + n, true).get(10, TimeUnit.SECONDS);
        }
        String lastId = null;
        for (int n = 0; n < 50; n++) {
            String[] idAndText = resuming.next().split(" ", 2);
            assertThat(idAndText[1]).isEqualTo("m-" + n);
            lastId = idAndText[0];
        }
        // Heard by the sender too, so every publish so far is acknowledged by Redis.
        for (int n = 0; n < 50; n++) {
            assertThat(sender.next()).endsWith(" m-" + n);
        }

        dying.close();
        dyingServer.stop(java.time.Duration.ZERO);
        for (int n = 50; n < 100; n++) {
            sender.socket.sendText("m-" + n, true).get(10, TimeUnit.SECONDS);
        }
        Client resumed = Client.connect(URI.create("ws://127.0.0.1:" + survivingServer.port() + "/?after=" + lastId));
        for (int n = 50; n < 100; n++) {
            assertThat(resumed.next()).as("message %d after the resume", n).endsWith(" m-" + n);
        }
        assertThat(resumed.received.poll(300, TimeUnit.MILLISECONDS)).as("nothing twice").isNull();
    }

    private ServerBuilder<?> serverBuilder(String transport) {
        return switch (transport) {
            case "blocking" -> BlockingWebSocketServer.builder();
            case "netty" -> NettyWebSocketServer.builder();
            case "vertx" -> {
                Vertx vertx = Vertx.vertx();
                toClose.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
                yield VertxWebSocketServer.builder(vertx);
            }
            default -> throw new IllegalArgumentException(transport);
        };
    }

    /** A connection in the room: a member of the topic while open, its messages published to it. */
    private static final class RoomMember implements WebSocketHandler {
        private static final AtomicInteger NAMES = new AtomicInteger();
        private final Cluster cluster;
        private final String transport;
        private final CompletableFuture<Void> live;
        private Membership membership;

        RoomMember(Cluster cluster, String transport, CompletableFuture<Void> live) {
            this.cluster = cluster;
            this.transport = transport;
            this.live = live;
        }

        /** Joins from the message after {@code ?after=ID} when the client names one; sends "ID TEXT". */
        @Override
        public void onOpen(WebSocket socket) {
            String query = socket.request().query();
            String after = query != null && query.startsWith("after=") ? query.substring("after=".length()) : null;
            membership = cluster.join(TOPIC, transport + "-" + NAMES.incrementAndGet(), after,
                    TopicSink.sendingTo(socket, message -> message.id() + " " + message.payload(),
                            lastId -> "gap after " + lastId));
            membership.live().whenComplete((done, failed) -> {
                if (failed != null) {
                    live.completeExceptionally(failed);
                } else {
                    live.complete(null);
                }
            });
        }

        @Override
        public void onText(WebSocket socket, String text) {
            cluster.publish(TOPIC, text);
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            if (membership != null) {
                membership.close();
            }
        }
    }

    /** The JDK's client, what it received queued. */
    private static final class Client implements java.net.http.WebSocket.Listener {
        private final URI uri;
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private java.net.http.WebSocket socket;

        private Client(URI uri) {
            this.uri = uri;
        }

        /** The next message, waiting up to 30 s. */
        String next() throws InterruptedException {
            String message = received.poll(30, TimeUnit.SECONDS);
            assertThat(message).as("a message at " + uri + " within 30 s").isNotNull();
            return message;
        }

        static Client connect(URI uri) throws Exception {
            Client client = new Client(uri);
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, client)
                    .get(10, TimeUnit.SECONDS);
            return client;
        }

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
