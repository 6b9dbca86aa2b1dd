package dev.wskit.benchmarks.fanout;

import dev.wskit.cluster.Membership;
import dev.wskit.cluster.RedisCluster;
import dev.wskit.cluster.SharedRendering;
import dev.wskit.cluster.TopicMessage;
import dev.wskit.cluster.TopicSink;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.transport.core.WebSocketServer;
import dev.wskit.transport.netty.NettyWebSocketServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One wskit node of the fan-out: a Netty server on loopback and its own {@link RedisCluster}
 * node, as a deployment would have. A connection to {@value #SUBSCRIBE} is a member of the topic,
 * sent each message's payload; what a connection to {@value #PUBLISH} sends is published.
 */
final class FanOutNode implements AutoCloseable {
    static final String TOPIC = "fan-out";
    static final String SUBSCRIBE = "/sub";
    static final String PUBLISH = "/pub";

    private final RedisCluster cluster;
    private final WebSocketServer server;
    private final AtomicInteger liveMembers = new AtomicInteger();
    private final AtomicInteger joined = new AtomicInteger();
    /** Each message encoded once for every subscriber of this node. */
    private final SharedRendering rendering = new SharedRendering(TopicMessage::payload);

    FanOutNode(String redis) throws IOException {
        cluster = RedisCluster.builder(redis).connect();
        server = NettyWebSocketServer.builder().host("127.0.0.1").port(0).handler(Connection::new).build();
        try {
            server.start();
        } catch (IOException | RuntimeException notStarted) {
            cluster.close();
            throw notStarted;
        }
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    /** Members of the topic on this node that are live: every message published from now on reaches them. */
    int liveMembers() {
        return liveMembers.get();
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(1));
        cluster.close();
    }

    private final class Connection implements WebSocketHandler {
        private Membership membership;

        @Override
        public void onOpen(WebSocket socket) {
            if (socket.request().path().equals(SUBSCRIBE)) {
                membership = cluster.join(TOPIC, "s" + joined.incrementAndGet(), null,
                        TopicSink.sendingTo(socket, rendering, Function.identity()));
                membership.live().thenRun(liveMembers::incrementAndGet);
            }
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
}
