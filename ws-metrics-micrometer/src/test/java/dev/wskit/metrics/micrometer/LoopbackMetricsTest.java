package dev.wskit.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.testkit.kit.RawPeer;
import dev.wskit.transport.blocking.BlockingWebSocketServer;
import dev.wskit.transport.core.ServerBuilder;
import dev.wskit.transport.core.WebSocketServer;
import dev.wskit.transport.netty.NettyWebSocketServer;
import dev.wskit.transport.vertx.VertxWebSocketServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The meters of a real server on each transport, over loopback, against the JDK's client and a
 * hand-written peer: every meter the events made, with its exact value (tags sorted by key, as
 * Micrometer keeps them). Here rather than in the
 * transport test kit, which would then depend on Micrometer; here the transports are only test
 * dependencies of this module.
 */
class LoopbackMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /**
     * Frame bytes, as the listener's own case counts them: in, "hello" masked (2 + 4 + 5) and close
     * 1000 "done" masked (2 + 4 + 6); out, "hello" (2 + 5) and the close echoing the code (2 + 2).
     */
    @ParameterizedTest
    @ValueSource(strings = {"blocking", "netty", "vertx"})
    void anOpenEchoAndCloseAreCountedExactly(String transport) throws Exception {
        WebSocketServer server = start(transport);
        HttpClient http = HttpClient.newHttpClient();
        JdkPeer peer = new JdkPeer();
        java.net.http.WebSocket client = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/"), peer)
                .get(10, TimeUnit.SECONDS);
        client.sendText("hello", true).get(10, TimeUnit.SECONDS);
        assertThat(peer.text.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
        String tags = "role=SERVER,transport=" + transport;

        assertThat(MeterLines.of(registry)).containsExactly(
                "wskit.connections.open{" + tags + "} 1",
                "wskit.handshakes{outcome=ACCEPTED,role=SERVER,status=101,transport=" + transport + ",violation=NONE} 1",
                "wskit.message.size{direction=in," + tags + "} count=1,total=5",
                "wskit.message.size{direction=out," + tags + "} count=1,total=5");

        client.sendClose(1000, "done").get(10, TimeUnit.SECONDS);
        assertThat(peer.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1000);

        assertThat(MeterLines.awaitOf(registry, MeterLines::closeCounted)).containsExactly(
                "wskit.closes{code=1000,initiator=REMOTE," + tags + "} 1",
                "wskit.connection.duration{" + tags + "} 1",
                "wskit.connections.open{" + tags + "} 0",
                "wskit.frame.bytes{direction=in," + tags + "} 23",
                "wskit.frame.bytes{direction=out," + tags + "} 11",
                "wskit.handshakes{outcome=ACCEPTED,role=SERVER,status=101,transport=" + transport + ",violation=NONE} 1",
                "wskit.message.size{direction=in," + tags + "} count=1,total=5",
                "wskit.message.size{direction=out," + tags + "} count=1,total=5",
                "wskit.messages{direction=in," + tags + "} 1",
                "wskit.messages{direction=out," + tags + "} 1");
    }

    /**
     * Each message's size as it completes, before the connection closes: "héllo" is 6 bytes of
     * UTF-8, and the binary message the client sends in two parts (100 + 200) is one of 300.
     */
    @ParameterizedTest
    @ValueSource(strings = {"blocking", "netty", "vertx"})
    void eachMessagesSizeIsRecordedAsItCompletes(String transport) throws Exception {
        WebSocketServer server = start(transport);
        JdkPeer peer = new JdkPeer();
        java.net.http.WebSocket client = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/"), peer)
                .get(10, TimeUnit.SECONDS);
        client.sendText("héllo", true).get(10, TimeUnit.SECONDS);
        client.sendBinary(ByteBuffer.allocate(100), false).get(10, TimeUnit.SECONDS);
        client.sendBinary(ByteBuffer.allocate(200), true).get(10, TimeUnit.SECONDS);
        assertThat(peer.binary.get(10, TimeUnit.SECONDS)).isEqualTo(300);
        String tags = "role=SERVER,transport=" + transport;

        assertThat(MeterLines.of(registry)).filteredOn(line -> line.startsWith(WskitMeters.MESSAGE_SIZE + "{")).containsExactly(
                "wskit.message.size{direction=in," + tags + "} count=2,total=306",
                "wskit.message.size{direction=out," + tags + "} count=2,total=306");
        client.sendClose(1000, "").get(10, TimeUnit.SECONDS);
        assertThat(peer.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "netty", "vertx"})
    void aRejectedHandshakeIsCountedWithItsStatusAndRule(String transport) throws Exception {
        WebSocketServer server = start(transport);
        try (RawPeer peer = RawPeer.to(server.port())) {
            peer.write(RawPeer.UPGRADE.replace("Version: 13", "Version: 12"));
            assertThat(new String(peer.readToEnd(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 426 ");
        }

        assertThat(MeterLines.awaitOf(registry, lines -> !lines.isEmpty())).containsExactly(
                "wskit.handshakes{outcome=REJECTED,role=SERVER,status=426,transport=" + transport
                        + ",violation=" + ProtocolViolation.UNSUPPORTED_VERSION + "} 1");
    }

    /**
     * An unmasked frame from a client: its rule, and a close 1002 this end started, whose frame
     * (2 + 2 + the rule's description) is all that went out. What came in is the frame's bytes read
     * up to the broken rule, which depends on how the transport's read split them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"blocking", "netty", "vertx"})
    void aViolationIsCountedByRuleWithTheCloseItCaused(String transport) throws Exception {
        WebSocketServer server = start(transport);
        try (RawPeer peer = RawPeer.to(server.port())) {
            peer.upgrade();
            peer.write(RawPeer.unmasked(0x81, "Hello".getBytes(StandardCharsets.US_ASCII)));
            peer.readToEnd();
        }
        String tags = "role=SERVER,transport=" + transport;
        ProtocolViolation rule = ProtocolViolation.UNMASKED_CLIENT_FRAME;

        List<String> lines = MeterLines.awaitOf(registry, MeterLines::closeCounted);
        String bytesIn = "wskit.frame.bytes{direction=in," + tags + "} ";
        assertThat(lines).filteredOn(line -> !line.startsWith(bytesIn)).containsExactly(
                "wskit.closes{code=1002,initiator=LOCAL," + tags + "} 1",
                "wskit.connection.duration{" + tags + "} 1",
                "wskit.connections.open{" + tags + "} 0",
                "wskit.frame.bytes{direction=out," + tags + "} " + (4 + rule.description().length()),
                "wskit.handshakes{outcome=ACCEPTED,role=SERVER,status=101,transport=" + transport + ",violation=NONE} 1",
                "wskit.messages{direction=in," + tags + "} 0",
                "wskit.messages{direction=out," + tags + "} 0",
                "wskit.violations{code=1002,role=SERVER,rule=" + rule + ",transport=" + transport + "} 1");
        assertThat(lines).filteredOn(line -> line.startsWith(bytesIn)).singleElement()
                .satisfies(line -> assertThat(Long.parseLong(line.substring(bytesIn.length()))).isBetween(2L, 7L));
    }

    /** An echo server on {@code transport}, started, with the listener under test; closed after the test. */
    private WebSocketServer start(String transport) throws Exception {
        ServerBuilder<?> builder = switch (transport) {
            case "blocking" -> BlockingWebSocketServer.builder();
            case "netty" -> NettyWebSocketServer.builder();
            case "vertx" -> {
                Vertx vertx = Vertx.vertx();
                toClose.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
                yield VertxWebSocketServer.builder(vertx);
            }
            default -> throw new IllegalArgumentException(transport);
        };
        WebSocketServer server = builder.handler(Echo::new)
                .listener(MicrometerConnectionListener.of(registry))
                .build()
                .start();
        toClose.add(server);
        return server;
    }

    /** Sends every message back. */
    private static final class Echo implements WebSocketHandler {
        @Override
        public void onText(WebSocket socket, String text) {
            socket.sendText(text);
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            socket.sendBinary(data);
        }
    }

    /** The JDK client's side: the first text, the size of the first binary message, and the close code. */
    private static final class JdkPeer implements java.net.http.WebSocket.Listener {
        final CompletableFuture<String> text = new CompletableFuture<>();
        final CompletableFuture<Integer> binary = new CompletableFuture<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private int binaryBytes;

        @Override
        public CompletionStage<?> onBinary(java.net.http.WebSocket webSocket, ByteBuffer data, boolean last) {
            binaryBytes += data.remaining();
            if (last) {
                binary.complete(binaryBytes);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
            text.complete(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }
    }
}
