package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocketConfig;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Test 1: the JDK's {@code java.net.http.WebSocket} client against our echo server. */
class JdkClientTest {
    private static final BlockingQueue<String> serverEvents = EchoHandler.newEventQueue();
    private static NettyWebSocketServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        server = NettyWebSocketServer.builder()
                .config(WebSocketConfig.builder().maxFramePayload(8 * 1024 * 1024).maxMessageSize(8 * 1024 * 1024).build())
                .handler(() -> new EchoHandler(serverEvents))
                .build()
                .start();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    private static JdkEvents connect(String path) {
        JdkEvents events = new JdkEvents();
        events.socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), events)
                .orTimeout(10, TimeUnit.SECONDS).join();
        return events;
    }

    @ParameterizedTest
    @FieldSource("dev.wskit.transport.netty.Payloads#SIZES")
    void textOfEveryLengthClassIsEchoedExactly(int length) throws Exception {
        JdkEvents client = connect("/text");
        String text = Payloads.text(length);
        client.socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        assertThat(client.next()).isEqualTo("text:" + text);
        client.socket.sendClose(1000, "").get(10, TimeUnit.SECONDS);
        assertThat(client.next()).isEqualTo("close:1000:");
    }

    @ParameterizedTest
    @FieldSource("dev.wskit.transport.netty.Payloads#SIZES")
    void binaryOfEveryLengthClassIsEchoedExactly(int length) throws Exception {
        JdkEvents client = connect("/binary");
        byte[] bytes = Payloads.binary(length);
        client.socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
        assertThat(client.next()).isEqualTo("binary:" + HexFormat.of().formatHex(bytes));
        client.socket.sendClose(1000, "").get(10, TimeUnit.SECONDS);
        assertThat(client.next()).isEqualTo("close:1000:");
    }

    @Test
    void fragmentedMessagesAreReassembledAndEchoedWhole() throws Exception {
        JdkEvents client = connect("/fragments");
        client.socket.sendText("Hel", false).get(10, TimeUnit.SECONDS);
        client.socket.sendText("lo ", false).get(10, TimeUnit.SECONDS);
        client.socket.sendText("wörld", true).get(10, TimeUnit.SECONDS);
        assertThat(client.next()).isEqualTo("text:Hello wörld");
        client.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false).get(10, TimeUnit.SECONDS);
        client.socket.sendBinary(ByteBuffer.wrap(new byte[] {3}), true).get(10, TimeUnit.SECONDS);
        assertThat(client.next()).isEqualTo("binary:010203");
    }

    @Test
    void aPingIsAnsweredWithAPongOfTheSamePayload() throws Exception {
        JdkEvents client = connect("/ping");
        client.socket.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        assertThat(client.next()).isEqualTo("pong:" + HexFormat.of().formatHex("are you there".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCloseFromTheClientReachesOurHandlerAndIsEchoed() throws Exception {
        serverEvents.clear();
        JdkEvents client = connect("/client-closes");
        client.socket.sendClose(4321, "done here").get(10, TimeUnit.SECONDS);
        assertThat(client.next()).isEqualTo("close:4321:");
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("/client-closes close:4321:done here");
    }

    @Test
    void aCloseFromTheServerReachesTheJdkClientWithCodeAndReason() throws Exception {
        JdkEvents client = connect("/server-closes");
        client.socket.sendText(EchoHandler.CLOSE_COMMAND, true).get(10, TimeUnit.SECONDS);
        assertThat(client.next()).isEqualTo("close:4000:bye");
    }

    /** Collects the JDK client's events; texts and binaries whole, after their last part. */
    static final class JdkEvents implements WebSocket.Listener {
        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        WebSocket socket;

        String next() throws InterruptedException {
            String event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event within 10 s").isNotNull();
            return event;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                events.add("text:" + text);
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] part = new byte[data.remaining()];
            data.get(part);
            binary.writeBytes(part);
            if (last) {
                events.add("binary:" + HexFormat.of().formatHex(binary.toByteArray()));
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            byte[] payload = new byte[message.remaining()];
            message.get(payload);
            events.add("pong:" + HexFormat.of().formatHex(payload));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add("close:" + statusCode + ":" + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add("error:" + error);
        }
    }
}
