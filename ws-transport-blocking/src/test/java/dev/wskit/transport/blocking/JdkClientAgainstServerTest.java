package dev.wskit.transport.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The JDK's own {@code java.net.http.WebSocket} client against our server. */
@Timeout(60)
class JdkClientAgainstServerTest {
    private static final BlockingQueue<RecordingHandler> handlers = new LinkedBlockingQueue<>();
    private static BlockingWebSocketServer server;
    private static HttpClient http;

    private JdkListener client;
    private WebSocket jdk;
    private RecordingHandler serverSide;

    @BeforeAll
    static void startServer() throws Exception {
        server = BlockingWebSocketServer.builder()
                .handler(() -> {
                    RecordingHandler h = new ClosingOnRequest();
                    handlers.add(h);
                    return h;
                })
                .build()
                .start();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        client = new JdkListener();
        jdk = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), client)
                .get(10, TimeUnit.SECONDS);
        serverSide = handlers.poll(10, TimeUnit.SECONDS);
        assertThat(serverSide.nextEvent()).isEqualTo("open");
    }

    @AfterEach
    void disconnect() {
        jdk.abort();
    }

    @ParameterizedTest
    @FieldSource("dev.wskit.transport.blocking.Payloads#SIZES")
    void echoesTextOfEverySize(int size) throws Exception {
        String text = Payloads.text(size);
        jdk.sendText(text, true).get(10, TimeUnit.SECONDS);
        assertThat(serverSide.nextMessage()).isEqualTo(text);
        assertThat(client.nextMessage()).isEqualTo(text);
    }

    @ParameterizedTest
    @FieldSource("dev.wskit.transport.blocking.Payloads#SIZES")
    void echoesBinaryOfEverySize(int size) throws Exception {
        byte[] data = Payloads.binary(size);
        jdk.sendBinary(ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
        assertThat((byte[]) serverSide.nextMessage()).isEqualTo(data);
        assertThat((byte[]) client.nextMessage()).isEqualTo(data);
    }

    @Test
    void reassemblesAFragmentedTextMessage() throws Exception {
        jdk.sendText("Hel", false).get(10, TimeUnit.SECONDS);
        jdk.sendText("lo wörld", true).get(10, TimeUnit.SECONDS);
        assertThat(serverSide.nextMessage()).isEqualTo("Hello wörld");
        assertThat(client.nextMessage()).isEqualTo("Hello wörld");
    }

    @Test
    void reassemblesAFragmentedBinaryMessage() throws Exception {
        jdk.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false).get(10, TimeUnit.SECONDS);
        jdk.sendBinary(ByteBuffer.wrap(new byte[] {3}), false).get(10, TimeUnit.SECONDS);
        jdk.sendBinary(ByteBuffer.wrap(new byte[] {4, 5}), true).get(10, TimeUnit.SECONDS);
        assertThat((byte[]) serverSide.nextMessage()).containsExactly(1, 2, 3, 4, 5);
        assertThat((byte[]) client.nextMessage()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void answersAPingWithAPongOfTheSamePayload() throws Exception {
        jdk.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        assertThat(client.nextEvent()).isEqualTo("pong:are you there");
    }

    @Test
    void echoesTheCodeOfACloseTheClientStarts() throws Exception {
        jdk.sendClose(4000, "bye").get(10, TimeUnit.SECONDS);
        assertThat(serverSide.nextEvent()).isEqualTo("close:4000:bye");
        // RFC 6455 §5.5.1: the reply echoes the code; the reason is the server's own (none).
        assertThat(client.nextEvent()).isEqualTo("close:4000:");
    }

    @Test
    void deliversTheCodeAndReasonOfACloseTheServerStarts() throws Exception {
        jdk.sendText("close-me", true).get(10, TimeUnit.SECONDS);
        assertThat(client.nextEvent()).isEqualTo("close:4001:server says bye");
        // The JDK client answers by itself once onClose returns, echoing the code.
        assertThat(serverSide.nextClose()).isEqualTo("close:4001:");
    }

    /** Echoes, except that the text {@code close-me} makes it close with 4001. */
    private static final class ClosingOnRequest extends RecordingHandler {
        ClosingOnRequest() {
            super(true);
        }

        @Override
        public void onText(dev.wskit.protocol.WebSocket socket, String text) {
            if (text.equals("close-me")) {
                socket.close(4001, "server says bye");
            } else {
                super.onText(socket, text);
            }
        }
    }

    /** Collects whole messages and events from the JDK client, one frame requested at a time. */
    static final class JdkListener implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            events.add("pong:" + StandardCharsets.UTF_8.decode(message));
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

        Object nextMessage() throws InterruptedException {
            Object m = messages.poll(10, TimeUnit.SECONDS);
            assertThat(m).as("a message within 10 s").isNotNull();
            return m;
        }

        String nextEvent() throws InterruptedException {
            String e = events.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("an event within 10 s").isNotNull();
            return e;
        }
    }
}
