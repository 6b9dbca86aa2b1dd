package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocketConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Test 1: the JDK's {@code java.net.http.WebSocket} client against our server. */
class JdkClientAgainstServerTest {
    private static final long T = RecordingHandler.TIMEOUT_SECONDS;

    private static Vertx vertx;
    private static VertxWebSocketServer server;
    private static final BlockingQueue<EchoHandler> handlers = new LinkedBlockingQueue<>();
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = VertxWebSocketServer.builder(vertx)
                .config(WebSocketConfig.builder().build())
                .handler(() -> {
                    EchoHandler h = new EchoHandler();
                    handlers.add(h);
                    return h;
                })
                .build().listen().await(T, TimeUnit.SECONDS);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        server.shutdown().await(T, TimeUnit.SECONDS);
        vertx.close().await(T, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 125, 126, 64 * 1024, 4 * Payloads.MIB})
    void serverEchoesTextOfEverySize(int size) throws Exception {
        JdkPeer peer = connect();
        String text = Payloads.text(size);
        peer.socket.sendText(text, true).get(T, TimeUnit.SECONDS);
        assertThat(peer.next()).isEqualTo(text);
        peer.closeNormally();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 125, 126, 64 * 1024, 4 * Payloads.MIB})
    void serverEchoesBinaryOfEverySize(int size) throws Exception {
        JdkPeer peer = connect();
        byte[] bytes = Payloads.bytes(size, size);
        peer.socket.sendBinary(ByteBuffer.wrap(bytes), true).get(T, TimeUnit.SECONDS);
        assertThat((byte[]) peer.next()).isEqualTo(bytes);
        peer.closeNormally();
    }

    @Test
    void serverJoinsFragmentsTheJdkClientSends() throws Exception {
        JdkPeer peer = connect();
        peer.socket.sendText("Hel", false).get(T, TimeUnit.SECONDS);
        peer.socket.sendText("lo é", true).get(T, TimeUnit.SECONDS);
        peer.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false).get(T, TimeUnit.SECONDS);
        peer.socket.sendBinary(ByteBuffer.wrap(new byte[] {3}), true).get(T, TimeUnit.SECONDS);
        assertThat(peer.next()).isEqualTo("Hello é");
        assertThat((byte[]) peer.next()).containsExactly(1, 2, 3);
        peer.closeNormally();
    }

    @Test
    void serverAnswersPingWithPongOfTheSamePayload() throws Exception {
        JdkPeer peer = connect();
        peer.socket.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))).get(T, TimeUnit.SECONDS);
        assertThat(peer.next()).isEqualTo("pong are you there");
        peer.closeNormally();
    }

    @Test
    void clientCloseReachesTheHandlerAndIsEchoed() throws Exception {
        JdkPeer peer = connect();
        EchoHandler handler = handlers.poll(T, TimeUnit.SECONDS);
        peer.socket.sendClose(4001, "done here").get(T, TimeUnit.SECONDS);
        assertThat(handler.closes.poll(T, TimeUnit.SECONDS)).isEqualTo("4001 done here");
        // RFC 6455 §5.5.1: the reply echoes the status code.
        assertThat(peer.next()).isEqualTo("close 4001 ");
    }

    @Test
    void serverCloseReachesTheJdkClientWithCodeAndReason() throws Exception {
        JdkPeer peer = connect();
        EchoHandler handler = handlers.poll(T, TimeUnit.SECONDS);
        // Closed from this test thread: the call hops to the connection's context.
        handler.opened.poll(T, TimeUnit.SECONDS).close(4000, "bye");
        assertThat(peer.next()).isEqualTo("close 4000 bye");
        // The JDK client answers the close by itself, echoing the code.
        assertThat(handler.closes.poll(T, TimeUnit.SECONDS)).isEqualTo("4000 ");
    }

    private JdkPeer connect() throws Exception {
        handlers.clear();
        JdkPeer peer = new JdkPeer();
        peer.socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), peer)
                .get(T, TimeUnit.SECONDS);
        return peer;
    }

    /** Collects whole messages (the JDK delivers them in parts) and the close. */
    static final class JdkPeer implements WebSocket.Listener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                events.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            events.add("pong " + StandardCharsets.UTF_8.decode(message));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add("close " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add("error " + error);
        }

        Object next() throws InterruptedException {
            Object event = events.poll(T, TimeUnit.SECONDS);
            assertThat(event).as("event within %d s", T).isNotNull();
            return event;
        }

        void closeNormally() throws Exception {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(T, TimeUnit.SECONDS);
            assertThat(next()).isEqualTo("close 1000 ");
        }
    }

}
