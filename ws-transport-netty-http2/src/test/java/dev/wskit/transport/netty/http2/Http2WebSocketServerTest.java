package dev.wskit.transport.netty.http2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.testkit.kit.Http2Peer;
import dev.wskit.testkit.kit.Http2PeerStream;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WebSockets over HTTP/2 streams (RFC 8441) on real loopback, h2c with prior knowledge, with
 * Netty's own HTTP/2 client codec as the peer.
 */
class Http2WebSocketServerTest {
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;

    private final EchoRecorder handler = new EchoRecorder();
    private NettyHttp2WebSocketServer server;
    private Http2Peer client;

    @BeforeEach
    void start() throws Exception {
        server = NettyHttp2WebSocketServer.builder().host("127.0.0.1").port(0)
                .config(WebSocketConfig.builder().maxMessageSize(2 << 20).maxFramePayload(2 << 20)
                        .httpHandler(request -> request.path().equals("/health") ? HttpResponse.text(200, "up\n") : null)
                        .build())
                .handler(() -> handler).build().start();
        client = Http2Peer.connect(server.port(), null);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void theServerEnablesExtendedConnect() throws Exception {
        // RFC 8441 §3: SETTINGS_ENABLE_CONNECT_PROTOCOL (0x8) = 1.
        assertThat(client.serverSettings().connectProtocolEnabled()).isTrue();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 125, 126, 65535, 65536, 1 << 20})
    void echoesTextAndBinaryOfEverySize(int size) throws Exception {
        Http2PeerStream stream = client.open();
        assertThat(stream.connect("/echo")).isEqualTo("200");
        byte[] binary = new byte[size];
        new Random(size).nextBytes(binary);
        byte[] text = "é".repeat(size / 2).concat(size % 2 == 1 ? "a" : "").getBytes(StandardCharsets.UTF_8);

        stream.sendFrame(true, BINARY, binary);
        stream.sendFrame(true, TEXT, text);

        Http2PeerStream.Frame binaryEcho = stream.nextFrame();
        assertThat(binaryEcho.opcode()).isEqualTo(BINARY);
        assertThat(Arrays.equals(binaryEcho.payload(), binary)).as("binary echo of %d bytes", size).isTrue();
        Http2PeerStream.Frame textEcho = stream.nextFrame();
        assertThat(textEcho.opcode()).isEqualTo(TEXT);
        assertThat(Arrays.equals(textEcho.payload(), text)).as("text echo of %d bytes", text.length).isTrue();
        assertThat(handler.next()).isEqualTo("open");
    }

    @Test
    void reassemblesAFragmentedMessage() throws Exception {
        Http2PeerStream stream = client.open();
        stream.connect("/echo");

        stream.sendFrame(false, TEXT, "Hel".getBytes(StandardCharsets.UTF_8));
        stream.sendFrame(false, CONTINUATION, "lo, ".getBytes(StandardCharsets.UTF_8));
        stream.sendFrame(true, CONTINUATION, "h2".getBytes(StandardCharsets.UTF_8));

        assertThat(stream.nextFrame().text()).isEqualTo("Hello, h2");
    }

    @Test
    void badUtf8IsClosedWith1007() throws Exception {
        Http2PeerStream stream = client.open();
        stream.connect("/echo");

        stream.sendFrame(true, TEXT, new byte[] {(byte) 0xc3, (byte) 0x28});

        Http2PeerStream.Frame close = stream.nextFrame();
        assertThat(close.opcode()).isEqualTo(CLOSE);
        assertThat(close.closeCode()).isEqualTo(CloseCode.INVALID_FRAME_PAYLOAD_DATA);
        assertThat(handler.next()).isEqualTo("open");
        assertThat(handler.next()).isEqualTo("error:INVALID_UTF8");
    }

    @Test
    void theClosingHandshakeEndsTheStreamBothWays() throws Exception {
        Http2PeerStream stream = client.open();
        stream.connect("/echo");

        stream.sendFrame(true, CLOSE, new byte[] {0x03, (byte) 0xe8});

        Http2PeerStream.Frame close = stream.nextFrame();
        assertThat(close.opcode()).isEqualTo(CLOSE);
        assertThat(close.closeCode()).isEqualTo(CloseCode.NORMAL_CLOSURE);
        // RFC 8441 §5: the server's END_STREAM is the TCP FIN it sends first (RFC 6455 §7.1.1).
        stream.awaitEnd();
        stream.sendBytes(new byte[0], true);
        assertThat(handler.next()).isEqualTo("open");
        assertThat(handler.next()).isEqualTo("close:1000");
    }

    @Test
    void aResetMidMessageIsAnAbruptClose() throws Exception {
        Http2PeerStream stream = client.open();
        stream.connect("/echo");
        stream.sendFrame(false, TEXT, "half a mess".getBytes(StandardCharsets.UTF_8));

        // RFC 8441 §5: RST_STREAM is the abrupt TCP close.
        stream.sendReset();

        assertThat(handler.next()).isEqualTo("open");
        assertThat(handler.next()).isEqualTo("close:" + CloseCode.ABNORMAL_CLOSURE);
    }

    @Test
    void aConnectWithoutProtocolIsRefused400() throws Exception {
        Http2PeerStream stream = client.open();
        Http2Headers headers = Http2PeerStream.webSocketRequest("/echo");
        headers.remove(Http2Headers.PseudoHeaderName.PROTOCOL.value());
        headers.remove(Http2Headers.PseudoHeaderName.PATH.value());
        headers.remove(Http2Headers.PseudoHeaderName.SCHEME.value());

        stream.send(headers, false);

        assertThat(stream.status()).isEqualTo("400");
        stream.awaitEnd();
    }

    @Test
    void aVersionOtherThan13IsRefusedNamingOurs() throws Exception {
        Http2PeerStream stream = client.open();
        Http2Headers headers = Http2PeerStream.webSocketRequest("/echo");
        headers.set("sec-websocket-version", "8");

        stream.send(headers, false);

        Http2Headers answer = stream.answer();
        assertThat(answer.status().toString()).isEqualTo("426");
        assertThat(answer.get("sec-websocket-version").toString()).isEqualTo("13");
        assertThat(answer.contains("connection")).isFalse();
        stream.awaitEnd();
    }

    @Test
    void dataSentBeforeTheAnswerIsReadAsFrames() throws Exception {
        Http2PeerStream stream = client.open();

        // The client does not wait for the 200 (RFC 8441 §5 does not make it): the frame follows at once.
        stream.send(Http2PeerStream.webSocketRequest("/echo"), false);
        stream.sendFrame(true, TEXT, "early".getBytes(StandardCharsets.UTF_8));

        assertThat(stream.status()).isEqualTo("200");
        assertThat(stream.nextFrame().text()).isEqualTo("early");
    }

    @Test
    void aPlainStreamGetsTheHttpHandlersAnswerOr404() throws Exception {
        Http2PeerStream health = client.open();
        health.send(new io.netty.handler.codec.http2.DefaultHttp2Headers().method("GET").scheme("http")
                .path("/health").authority("localhost"), true);
        Http2PeerStream missing = client.open();
        missing.send(new io.netty.handler.codec.http2.DefaultHttp2Headers().method("GET").scheme("http")
                .path("/nothing").authority("localhost"), true);

        assertThat(health.status()).isEqualTo("200");
        health.awaitEnd();
        assertThat(health.body()).isEqualTo("up\n");
        assertThat(missing.status()).isEqualTo("404");
        missing.awaitEnd();
    }

    @Test
    void aHundredWebSocketsShareOneConnection() throws Exception {
        List<Http2PeerStream> streams = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Http2PeerStream stream = client.open();
            stream.send(Http2PeerStream.webSocketRequest("/echo"), false);
            streams.add(stream);
        }
        for (int i = 0; i < streams.size(); i++) {
            assertThat(streams.get(i).status()).isEqualTo("200");
            streams.get(i).sendFrame(true, TEXT, ("stream " + i).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < streams.size(); i++) {
            assertThat(streams.get(i).nextFrame().text()).isEqualTo("stream " + i);
        }
    }

    @Test
    void aStopClosesEachStreamWith1001() throws Exception {
        Http2PeerStream stream = client.open();
        stream.connect("/echo");

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(10)));

        // RFC 6455 §7.4.1: going away; the closing handshake completes before the stop returns.
        Http2PeerStream.Frame close = stream.nextFrame();
        assertThat(close.closeCode()).isEqualTo(CloseCode.GOING_AWAY);
        stream.sendFrame(true, CLOSE, new byte[] {0x03, (byte) 0xe9});
        stream.awaitEnd();
        stream.sendBytes(new byte[0], true);
        stopped.get(10, TimeUnit.SECONDS);
        assertThat(handler.next()).isEqualTo("open");
        assertThat(handler.next()).isEqualTo("close:" + CloseCode.GOING_AWAY);
    }

    @Test
    void clientFramesMustBeMaskedOnAStreamToo() throws Exception {
        Http2PeerStream stream = client.open();
        stream.connect("/echo");

        // RFC 6455 §5.1, unchanged by RFC 8441 §5: an unmasked "Hello".
        stream.sendBytes(new byte[] {(byte) 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}, false);

        assertThat(stream.nextFrame().closeCode()).isEqualTo(CloseCode.PROTOCOL_ERROR);
        stream.awaitEnd();
    }
}
