package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Test 2: our client against a server someone else wrote, Vert.x's own HttpServer WebSocket echo. */
@ExtendWith(VertxExtension.class)
class ClientAgainstVertxServerTest {
    private static final long T = RecordingHandler.TIMEOUT_SECONDS;

    private final BlockingQueue<String> serverCloses = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> headersSeen = new LinkedBlockingQueue<>();
    private HttpServer server;
    private VertxWebSocketClient client;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions()
                        .setMaxWebSocketFrameSize(8 * Payloads.MIB)
                        .setMaxWebSocketMessageSize(8 * Payloads.MIB))
                .webSocketHandler(this::echo)
                .requestHandler(request -> request.response().setStatusCode(404).end())
                .listen(0, "127.0.0.1").await(T, TimeUnit.SECONDS);
        client = VertxWebSocketClient.builder(vertx).build();
    }

    private void echo(ServerWebSocket ws) {
        headersSeen.add(ws.headers().get("Authorization") + " " + ws.headers().get("Origin"));
        ws.textMessageHandler(text -> {
            if (text.equals("close-me")) {
                ws.close((short) 4000, "bye");
            } else {
                ws.writeTextMessage(text);
            }
        });
        ws.binaryMessageHandler(ws::writeBinaryMessage);
        ws.closeHandler(v -> serverCloses.add(ws.closeStatusCode() + " " + ws.closeReason()));
    }

    @AfterEach
    void stop() throws Exception {
        client.shutdown().await(T, TimeUnit.SECONDS);
        server.close().await(T, TimeUnit.SECONDS);
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + server.actualPort() + "/echo");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 125, 126, 64 * 1024, 4 * Payloads.MIB})
    void clientGetsTextOfEverySizeBack(int size) throws Exception {
        RecordingHandler events = new RecordingHandler();
        WebSocket ws = client.connect(uri(), events).await(T, TimeUnit.SECONDS);
        String text = Payloads.text(size);
        ws.sendText(text);
        assertThat(events.next()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 125, 126, 64 * 1024, 4 * Payloads.MIB})
    void clientGetsBinaryOfEverySizeBack(int size) throws Exception {
        RecordingHandler events = new RecordingHandler();
        WebSocket ws = client.connect(uri(), events).await(T, TimeUnit.SECONDS);
        byte[] bytes = Payloads.bytes(size, size);
        ws.sendBinary(ByteBuffer.wrap(bytes));
        assertThat((byte[]) events.next()).isEqualTo(bytes);
    }

    @Test
    void clientSendsFragmentsThatVertxJoins() throws Exception {
        RecordingHandler events = new RecordingHandler();
        WebSocket ws = client.connect(uri(), events).await(T, TimeUnit.SECONDS);
        ws.sendText("Hel", false);
        ws.sendText("lo é", true);
        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false);
        ws.sendBinary(ByteBuffer.wrap(new byte[] {3}), true);
        assertThat(events.next()).isEqualTo("Hello é");
        assertThat((byte[]) events.next()).containsExactly(1, 2, 3);
    }

    @Test
    void vertxAnswersOurPing() throws Exception {
        RecordingHandler events = new RecordingHandler();
        WebSocket ws = client.connect(uri(), events).await(T, TimeUnit.SECONDS);
        ws.sendPing(ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)));
        assertThat(events.next()).isEqualTo("pong hi");
    }

    @Test
    void clientCloseIsSeenAndEchoedByVertx() throws Exception {
        RecordingHandler events = new RecordingHandler();
        WebSocket ws = client.connect(uri(), events).await(T, TimeUnit.SECONDS);
        ws.close(4001, "done here");
        assertThat(serverCloses.poll(T, TimeUnit.SECONDS)).isEqualTo("4001 done here");
        assertThat(events.next()).isEqualTo("close 4001 done here");
    }

    @Test
    void serverCloseReachesOurHandlerWithCodeAndReason() throws Exception {
        RecordingHandler events = new RecordingHandler();
        WebSocket ws = client.connect(uri(), events).await(T, TimeUnit.SECONDS);
        ws.sendText("close-me");
        assertThat(events.next()).isEqualTo("close 4000 bye");
    }

    @Test
    void extraHeadersAndOriginReachTheServer(Vertx vertx) throws Exception {
        VertxWebSocketClient requesting = VertxWebSocketClient.builder(vertx)
                .header("Authorization", "Bearer t").origin("http://example.test").build();
        requesting.connect(uri(), new RecordingHandler()).await(T, TimeUnit.SECONDS);
        assertThat(headersSeen.poll(T, TimeUnit.SECONDS)).isEqualTo("Bearer t http://example.test");
        requesting.shutdown().await(T, TimeUnit.SECONDS);
    }

    @Test
    void connectFailsWithTheEnginesViolationWhenTheStatusIsNot101(Vertx vertx) throws Exception {
        HttpServer plainHttp = vertx.createHttpServer()
                .requestHandler(request -> request.response().setStatusCode(404).end("no WebSocket here"))
                .listen(0, "127.0.0.1").await(T, TimeUnit.SECONDS);
        RecordingHandler events = new RecordingHandler();
        Throwable failure = catchThrowable(() -> client.connect(
                URI.create("ws://127.0.0.1:" + plainHttp.actualPort() + "/"), events).await(T, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(WebSocketException.class);
        assertThat(((WebSocketException) failure).violation()).isEqualTo(ProtocolViolation.STATUS_NOT_101);
        assertThat(failure).hasMessageContaining("status 404");
        assertThat(events.next()).isEqualTo("error STATUS_NOT_101");
        plainHttp.close().await(T, TimeUnit.SECONDS);
    }

    @Test
    void connectFailsWhenNothingListens() throws Exception {
        HttpServer closed = server;
        int port = closed.actualPort();
        closed.close().await(T, TimeUnit.SECONDS);
        Throwable failure = catchThrowable(() -> client.connect(URI.create("ws://127.0.0.1:" + port + "/"),
                new RecordingHandler()).await(T, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(java.net.ConnectException.class);
    }
}
