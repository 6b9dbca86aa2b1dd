package dev.wskit.testkit.kit;

import static dev.wskit.protocol.ProtocolViolation.CONNECT_WITHOUT_PROTOCOL;
import static dev.wskit.protocol.ProtocolViolation.INVALID_UTF8;
import static dev.wskit.protocol.ProtocolViolation.UNMASKED_CLIENT_FRAME;
import static dev.wskit.protocol.ProtocolViolation.UNSUPPORTED_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.http.HttpResponse;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WebSockets over HTTP/2 streams (RFC 8441) with a peer we did not write, Netty's own HTTP/2
 * client codec ({@link Http2Peer}) on h2c with prior knowledge: the setting that allows extended
 * CONNECT, echoes and fragments, how a stream ends, and the bad peers of the HTTP/2 layer, each
 * with its exact answer (the {@code :status}, the close code, the stream's end) while a
 * WebSocket on the same HTTP/2 connection and one of the transport's own client on another go on
 * echoing. For a transport whose server speaks HTTP/2; not part of {@link TransportKit}.
 */
public interface Http2PeerCases extends TransportCases {
    int CONTINUATION = 0x0;
    int TEXT = 0x1;
    int BINARY = 0x2;
    int CLOSE = 0x8;

    @Test
    default void theServerAllowsExtendedConnect(Kit kit) throws Exception {
        Neighbours served = Neighbours.start(kit);
        // RFC 8441 §3: SETTINGS_ENABLE_CONNECT_PROTOCOL (0x8) = 1, without which no client may ask.
        assertThat(served.peer.serverSettings().connectProtocolEnabled()).isTrue();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 125, 126, 65535, 65536, 1 << 20})
    default void textAndBinaryOfEverySizeEcho(int size, Kit kit) throws Exception {
        Neighbours served = Neighbours.start(kit);
        Http2PeerStream stream = served.open();
        Recorder serverSide = served.server.nextOpenConnection();
        byte[] binary = new byte[size];
        new Random(size).nextBytes(binary);
        String text = "é".repeat(size / 2).concat(size % 2 == 1 ? "a" : "");

        stream.sendFrame(true, BINARY, binary);
        stream.sendFrame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));

        serverSide.expectBinary(binary);
        serverSide.expectText(text);
        Http2PeerStream.Frame binaryEcho = stream.nextFrame();
        assertThat(binaryEcho.opcode()).isEqualTo(BINARY);
        assertThat(binaryEcho.payload()).as("binary echo of %d bytes", size).isEqualTo(binary);
        Http2PeerStream.Frame textEcho = stream.nextFrame();
        assertThat(textEcho.opcode()).isEqualTo(TEXT);
        assertThat(textEcho.text()).as("text echo of %d bytes", size).isEqualTo(text);
    }

    @Test
    default void aFragmentedMessageIsJoined(Kit kit) throws Exception {
        Neighbours served = Neighbours.start(kit);
        Http2PeerStream stream = served.open();
        Recorder serverSide = served.server.nextOpenConnection();

        stream.sendFrame(false, TEXT, "Hel".getBytes(StandardCharsets.UTF_8));
        stream.sendFrame(false, CONTINUATION, "lo, ".getBytes(StandardCharsets.UTF_8));
        stream.sendFrame(true, CONTINUATION, "h2".getBytes(StandardCharsets.UTF_8));

        serverSide.expectText("Hello, h2");
        assertThat(stream.nextFrame().text()).isEqualTo("Hello, h2");
    }

    @Test
    default void dataSentBeforeTheAnswerIsReadAsFrames(Kit kit) throws Exception {
        Neighbours served = Neighbours.start(kit);
        Http2PeerStream stream = served.peer.open();

        // RFC 8441 §5 does not make the client wait for the 200: the frame follows the HEADERS at once.
        stream.send(Http2PeerStream.webSocketRequest("/"), false);
        stream.sendFrame(true, TEXT, "early".getBytes(StandardCharsets.UTF_8));

        assertThat(stream.status()).isEqualTo("200");
        served.server.nextOpenConnection().expectText("early");
        assertThat(stream.nextFrame().text()).isEqualTo("early");
        served.assertStillEcho();
    }

    @Test
    default void theClosingHandshakeEndsTheStreamBothWays(Kit kit) throws Exception {
        Neighbours served = Neighbours.start(kit);
        Http2PeerStream stream = served.open();
        Recorder serverSide = served.server.nextOpenConnection();

        stream.sendFrame(true, CLOSE, new byte[] {0x03, (byte) 0xe8});

        Http2PeerStream.Frame close = stream.nextFrame();
        assertThat(close.opcode()).isEqualTo(CLOSE);
        assertThat(close.closeCode()).isEqualTo(CloseCode.NORMAL_CLOSURE);
        // RFC 8441 §5: the server's END_STREAM is the TCP FIN it sends first (RFC 6455 §7.1.1).
        stream.awaitEnd();
        stream.sendBytes(new byte[0], true);
        serverSide.expect("close:1000:");
        served.assertStillEcho();
    }

    @Test
    default void aResetMidMessageIsAnAbruptClose(Kit kit) throws Exception {
        Neighbours served = Neighbours.start(kit);
        Http2PeerStream stream = served.open();
        Recorder serverSide = served.server.nextOpenConnection();
        stream.sendFrame(false, TEXT, "half a mess".getBytes(StandardCharsets.UTF_8));

        // RFC 8441 §5: RST_STREAM is the abrupt TCP close; no closing handshake, so 1006.
        stream.sendReset();

        serverSide.expect("close:" + CloseCode.ABNORMAL_CLOSURE + ":");
        served.assertStillEcho();
    }

    @Test
    default void anUnmaskedFrameIsClosed1002ThenTheStreamEnds(Kit kit) throws Exception {
        Neighbours served = Neighbours.start(kit);
        Http2PeerStream stream = served.open();
        Recorder serverSide = served.server.nextOpenConnection();

        // RFC 6455 §5.1, unchanged by RFC 8441 §5: an unmasked "Hello".
        stream.sendBytes(new byte[] {(byte) 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f}, false);

        assertThat(stream.nextFrame().closeCode()).isEqualTo(CloseCode.PROTOCOL_ERROR);
        stream.awaitEnd();
        serverSide.expect("error:" + UNMASKED_CLIENT_FRAME, "close:" + CloseCode.PROTOCOL_ERROR + ":");
        served.assertStillEcho();
    }

    @Test
    default void invalidUtf8IsClosed1007(Kit kit) throws Exception {
        Neighbours served = Neighbours.start(kit);
        Http2PeerStream stream = served.open();
        Recorder serverSide = served.server.nextOpenConnection();

        stream.sendFrame(true, TEXT, new byte[] {(byte) 0xc3, (byte) 0x28});

        Http2PeerStream.Frame close = stream.nextFrame();
        assertThat(close.opcode()).isEqualTo(CLOSE);
        assertThat(close.closeCode()).isEqualTo(CloseCode.INVALID_FRAME_PAYLOAD_DATA);
        stream.sendFrame(true, CLOSE, new byte[] {0x03, (byte) 0xef});
        stream.awaitEnd();
        serverSide.expect("error:" + INVALID_UTF8, "close:" + CloseCode.INVALID_FRAME_PAYLOAD_DATA + ":");
        served.assertStillEcho();
    }

    /** RFC 8441 §4: a CONNECT without {@code :protocol} is no WebSocket; it is refused, not tunnelled. */
    @Test
    default void aConnectWithoutProtocolIsRefused400(Kit kit) throws Exception {
        Neighbours served = Neighbours.start(kit);
        Http2PeerStream stream = served.peer.open();
        Http2Headers headers = Http2PeerStream.webSocketRequest("/");
        headers.remove(Http2Headers.PseudoHeaderName.PROTOCOL.value());
        headers.remove(Http2Headers.PseudoHeaderName.PATH.value());
        headers.remove(Http2Headers.PseudoHeaderName.SCHEME.value());

        stream.send(headers, false);

        assertThat(stream.status()).isEqualTo("400");
        stream.awaitEnd();
        assertThat(stream.body()).isEqualTo(CONNECT_WITHOUT_PROTOCOL.description() + "\n");
        served.server.nextConnection().expect("error:" + CONNECT_WITHOUT_PROTOCOL);
        served.assertStillEcho();
    }

    @Test
    default void aVersionOtherThan13IsRefused426NamingOurs(Kit kit) throws Exception {
        Neighbours served = Neighbours.start(kit);
        Http2PeerStream stream = served.peer.open();
        Http2Headers headers = Http2PeerStream.webSocketRequest("/");
        headers.set("sec-websocket-version", "8");

        stream.send(headers, false);

        Http2Headers answer = stream.answer();
        assertThat(answer.status().toString()).isEqualTo("426");
        assertThat(answer.get("sec-websocket-version").toString()).isEqualTo("13");
        // RFC 9113 §8.2.2: no connection-specific field in an HTTP/2 answer.
        assertThat(answer.contains("connection")).isFalse();
        stream.awaitEnd();
        served.server.nextConnection().expect("error:" + UNSUPPORTED_VERSION);
        served.assertStillEcho();
    }

    @Test
    default void aPlainStreamGetsTheHttpHandlersAnswerOr404(Kit kit) throws Exception {
        Neighbours served = Neighbours.start(kit);
        Http2PeerStream health = served.peer.open();
        health.send(new DefaultHttp2Headers().method("GET").scheme("http").path("/health").authority("localhost"), true);
        Http2PeerStream missing = served.peer.open();
        missing.send(new DefaultHttp2Headers().method("GET").scheme("http").path("/nothing").authority("localhost"),
                true);

        assertThat(health.status()).isEqualTo("200");
        health.awaitEnd();
        assertThat(health.body()).isEqualTo("up\n");
        assertThat(missing.status()).isEqualTo("404");
        missing.awaitEnd();
        served.assertStillEcho();
    }

    /** One HTTP/2 connection carries a hundred WebSockets at once, each with its own echo. */
    @Test
    default void aHundredWebSocketStreamsShareOneConnection(Kit kit) throws Exception {
        Neighbours served = Neighbours.start(kit);
        Http2Peer peer = kit.http2Peer(served.server.port());
        List<Http2PeerStream> streams = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Http2PeerStream stream = peer.open();
            stream.send(Http2PeerStream.webSocketRequest("/"), false);
            streams.add(stream);
        }
        List<Recorder> serverSides = new ArrayList<>();
        for (Http2PeerStream stream : streams) {
            assertThat(stream.status()).isEqualTo("200");
            serverSides.add(served.server.nextOpenConnection());
        }
        for (int i = 0; i < streams.size(); i++) {
            streams.get(i).sendFrame(true, TEXT, ("stream " + i).getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < streams.size(); i++) {
            assertThat(streams.get(i).nextFrame().text()).isEqualTo("stream " + i);
        }
        // Each server side got one stream's text; which one is the order the streams opened in.
        List<String> heard = new ArrayList<>();
        for (Recorder serverSide : serverSides) {
            heard.add(serverSide.nextText());
        }
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            sent.add("stream " + i);
        }
        assertThat(heard).containsExactlyInAnyOrderElementsOf(sent);
        served.assertStillEcho();
    }

    /**
     * RFC 9113 §6.8: a stopping server tells each HTTP/2 connection GOAWAY, with NO_ERROR and the
     * last stream it took, and RFC 6455 §7.4.1 each WebSocket 1001.
     */
    @Test
    default void aStopSendsGoAwayAndClosesEachStreamWith1001(Kit kit) throws Exception {
        Neighbours served = Neighbours.start(kit);
        Http2PeerStream stream = served.open();
        Recorder serverSide = served.server.nextOpenConnection();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> served.server.stop(Duration.ofSeconds(10)));

        assertThat(served.peer.awaitGoAway()).isEqualTo(new Http2Peer.GoAway(Http2Error.NO_ERROR, stream.id()));

        // RFC 6455 §7.4.1: going away, on every stream; each closing handshake completes before the stop returns.
        for (Http2PeerStream each : List.of(stream, served.neighbourStream)) {
            Http2PeerStream.Frame close = each.nextFrame();
            assertThat(close.opcode()).isEqualTo(CLOSE);
            assertThat(close.closeCode()).isEqualTo(CloseCode.GOING_AWAY);
            each.sendFrame(true, CLOSE, new byte[] {0x03, (byte) 0xe9});
            each.awaitEnd();
            each.sendBytes(new byte[0], true);
        }
        assertThat(served.neighbour.nextNote()).startsWith("close:" + CloseCode.GOING_AWAY + ":");
        stopped.get(Events.WAIT.toSeconds(), TimeUnit.SECONDS);
        for (Recorder each : List.of(serverSide, served.neighbourStreamServerSide, served.neighbourServerSide)) {
            assertThat(each.nextNote()).startsWith("close:" + CloseCode.GOING_AWAY + ":");
        }
    }

    /**
     * An echo server with an HTTP handler for {@code /health}, a WebSocket of the transport's own
     * client to it, and the HTTP/2 peer's connection with one WebSocket stream open: the neighbours
     * a bad stream must leave alone.
     */
    final class Neighbours {
        final RecordingServer server;
        final Recorder neighbour;
        final Recorder neighbourServerSide;
        final Http2Peer peer;
        final Http2PeerStream neighbourStream;
        final Recorder neighbourStreamServerSide;

        private Neighbours(RecordingServer server, Recorder neighbour, Recorder neighbourServerSide, Http2Peer peer,
                           Http2PeerStream neighbourStream, Recorder neighbourStreamServerSide) {
            this.server = server;
            this.neighbour = neighbour;
            this.neighbourServerSide = neighbourServerSide;
            this.peer = peer;
            this.neighbourStream = neighbourStream;
            this.neighbourStreamServerSide = neighbourStreamServerSide;
        }

        static Neighbours start(Kit kit) throws Exception {
            RecordingServer server = kit.server(WebSocketConfig.builder().maxMessageSize(2 << 20)
                    .maxFramePayload(2 << 20)
                    .httpHandler(request -> request.path().equals("/health") ? HttpResponse.text(200, "up\n") : null)
                    .build(), null, recorder -> recorder);
            Recorder neighbour = kit.connect(server.uri());
            Recorder neighbourServerSide = server.nextOpenConnection();
            Http2Peer peer = kit.http2Peer(server.port());
            Http2PeerStream neighbourStream = peer.open();
            assertThat(neighbourStream.connect("/")).isEqualTo("200");
            Neighbours served = new Neighbours(server, neighbour, neighbourServerSide, peer, neighbourStream,
                    server.nextOpenConnection());
            served.assertStillEcho();
            return served;
        }

        /** A new WebSocket stream on the peer's connection, answered 200. */
        Http2PeerStream open() throws Exception {
            Http2PeerStream stream = peer.open();
            assertThat(stream.connect("/")).isEqualTo("200");
            return stream;
        }

        /** Both neighbours still echo: the other stream of the connection, and the other connection. */
        void assertStillEcho() throws InterruptedException {
            neighbour.socket().sendText("still here");
            neighbourServerSide.expectText("still here");
            neighbour.expectText("still here");
            neighbourStream.sendFrame(true, TEXT, "still here too".getBytes(StandardCharsets.UTF_8));
            neighbourStreamServerSide.expectText("still here too");
            assertThat(neighbourStream.nextFrame().text()).isEqualTo("still here too");
        }
    }
}
