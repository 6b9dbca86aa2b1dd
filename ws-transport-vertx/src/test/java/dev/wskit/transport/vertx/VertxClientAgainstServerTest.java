package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Test 1 again, with Vert.x's own WebSocket client ({@code vertx.createWebSocketClient()}) against our server. */
@ExtendWith(VertxExtension.class)
class VertxClientAgainstServerTest {
    private static final long T = RecordingHandler.TIMEOUT_SECONDS;

    private final BlockingQueue<EchoHandler> handlers = new LinkedBlockingQueue<>();
    private VertxWebSocketServer server;
    private WebSocketClient client;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        server = VertxWebSocketServer.builder(vertx)
                .handler(() -> {
                    EchoHandler h = new EchoHandler();
                    handlers.add(h);
                    return h;
                })
                .build().listen().await(T, TimeUnit.SECONDS);
        client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(8 * Payloads.MIB).setMaxMessageSize(8 * Payloads.MIB));
    }

    @AfterEach
    void stop() throws Exception {
        client.close().await(T, TimeUnit.SECONDS);
        server.shutdown().await(T, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 125, 126, 64 * 1024, 4 * Payloads.MIB})
    void serverEchoesTextOfEverySize(int size) throws Exception {
        VertxPeer peer = VertxPeer.connect(client, server.port(), "/");
        String text = Payloads.text(size);
        peer.socket.writeTextMessage(text);
        assertThat(peer.next()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 125, 126, 64 * 1024, 4 * Payloads.MIB})
    void serverEchoesBinaryOfEverySize(int size) throws Exception {
        VertxPeer peer = VertxPeer.connect(client, server.port(), "/");
        byte[] bytes = Payloads.bytes(size, size);
        peer.socket.writeBinaryMessage(Buffer.buffer(bytes));
        assertThat((byte[]) peer.next()).isEqualTo(bytes);
    }

    @Test
    void serverJoinsFragmentsVertxSends() throws Exception {
        VertxPeer peer = VertxPeer.connect(client, server.port(), "/");
        peer.socket.writeFrame(WebSocketFrame.textFrame("Hel", false));
        peer.socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("lo é"), true));
        assertThat(peer.next()).isEqualTo("Hello é");
    }

    @Test
    void serverAnswersPing() throws Exception {
        VertxPeer peer = VertxPeer.connect(client, server.port(), "/");
        peer.socket.writePing(Buffer.buffer("hi"));
        assertThat(peer.next()).isEqualTo("pong hi");
    }

    @Test
    void clientCloseReachesTheHandlerAndIsEchoed() throws Exception {
        VertxPeer peer = VertxPeer.connect(client, server.port(), "/");
        EchoHandler handler = handlers.poll(T, TimeUnit.SECONDS);
        peer.socket.close((short) 4001, "done here");
        assertThat(handler.closes.poll(T, TimeUnit.SECONDS)).isEqualTo("4001 done here");
        assertThat(peer.next()).isEqualTo("close 4001 null");
    }

    @Test
    void serverCloseReachesVertxWithCodeAndReason() throws Exception {
        VertxPeer peer = VertxPeer.connect(client, server.port(), "/");
        EchoHandler handler = handlers.poll(T, TimeUnit.SECONDS);
        peer.socket.writeTextMessage("close-me");
        assertThat(peer.next()).isEqualTo("close 4000 bye");
        // Vert.x echoes the reason too.
        assertThat(handler.closes.poll(T, TimeUnit.SECONDS)).isEqualTo("4000 bye");
    }
}
