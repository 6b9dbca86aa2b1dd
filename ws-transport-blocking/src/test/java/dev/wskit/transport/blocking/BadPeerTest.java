package dev.wskit.transport.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Peers that break the rules, over a raw socket: each gets its exact answer and is disconnected,
 * while a healthy connection to the same server keeps echoing.
 */
@Timeout(60)
class BadPeerTest {
    private static final int MAX_FRAME_PAYLOAD = 1024;
    private static final BlockingQueue<RecordingHandler> handlers = new LinkedBlockingQueue<>();
    private static BlockingWebSocketServer server;
    private static BlockingWebSocketClient client;
    private static RecordingHandler healthy;
    private static WebSocket healthySocket;

    @BeforeAll
    static void startServerAndAHealthyConnection() throws Exception {
        server = BlockingWebSocketServer.builder()
                .config(WebSocketConfig.builder()
                        .handshakeTimeout(Duration.ofMillis(300))
                        .maxFramePayload(MAX_FRAME_PAYLOAD)
                        .build())
                .handler(() -> {
                    RecordingHandler h = RecordingHandler.echoing();
                    handlers.add(h);
                    return h;
                })
                .build()
                .start();
        client = BlockingWebSocketClient.builder().build();
        healthy = RecordingHandler.recording();
        healthySocket = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), healthy);
        handlers.take();
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    @AfterEach
    void theHealthyConnectionStillEchoes() throws Exception {
        healthySocket.sendText("still here");
        assertThat(healthy.nextMessage()).isEqualTo("still here");
    }

    @Test
    void dropsAPeerThatStallsInTheMiddleOfItsHandshake() throws Exception {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            // Nothing is owed to a peer that never finished its request: a reset, no bytes.
            assertThatThrownBy(peer::readToEnd).isInstanceOf(java.net.SocketException.class).hasMessageContaining("reset");
        }
        assertThat(nextHandler().nextEvent()).isEqualTo("error:HANDSHAKE_TIMEOUT");
    }

    @Test
    void answersAnUnmaskedFrameWithClose1002AndEof() throws Exception {
        try (RawPeer peer = RawPeer.upgraded(server.port())) {
            RecordingHandler handler = nextHandler();
            peer.write(RawPeer.unmasked(0x81, "Hello".getBytes(StandardCharsets.UTF_8)));
            byte[] expected = RawPeer.serverClose(1002, ProtocolViolation.UNMASKED_CLIENT_FRAME.description());
            assertThat(HexFormat.of().formatHex(peer.readToEnd())).startsWith("881e03ea")
                    .isEqualTo(HexFormat.of().formatHex(expected));
            assertThat(handler.nextEvent()).isEqualTo("open");
            assertThat(handler.nextEvent()).isEqualTo("error:UNMASKED_CLIENT_FRAME");
            assertThat(handler.nextEvent()).isEqualTo("close:1002:");
        }
    }

    @Test
    void answersAFrameAboveTheLimitWithClose1009() throws Exception {
        try (RawPeer peer = RawPeer.upgraded(server.port())) {
            RecordingHandler handler = nextHandler();
            peer.write(RawPeer.masked(0x82, new byte[MAX_FRAME_PAYLOAD + 1]));
            assertThat(peer.readToEnd()).isEqualTo(RawPeer.serverClose(1009, ProtocolViolation.FRAME_TOO_BIG.description()));
            assertThat(handler.nextClose()).isEqualTo("close:1009:");
        }
    }

    @Test
    void answersInvalidUtf8WithClose1007() throws Exception {
        try (RawPeer peer = RawPeer.upgraded(server.port())) {
            RecordingHandler handler = nextHandler();
            peer.write(RawPeer.masked(0x81, new byte[] {'o', 'k', (byte) 0xc3, 0x28}));
            assertThat(peer.readToEnd()).isEqualTo(RawPeer.serverClose(1007, ProtocolViolation.INVALID_UTF8.description()));
            assertThat(handler.nextClose()).isEqualTo("close:1007:");
        }
    }

    @Test
    void answersAnUnsupportedVersionWith426NamingVersion13() throws Exception {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.write(RawPeer.UPGRADE.replace("Version: 13", "Version: 12").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(peer.readToEnd(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 426 ").contains("\r\nSec-WebSocket-Version: 13\r\n");
        }
        assertThat(nextHandler().nextEvent()).isEqualTo("error:UNSUPPORTED_VERSION");
    }

    @Test
    void answersARequestThatIsNotHttpWith400() throws Exception {
        try (RawPeer peer = RawPeer.connect(server.port())) {
            peer.write("HELLO\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(peer.readToEnd(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400 ");
        }
        assertThat(nextHandler().nextEvent()).isEqualTo("error:MALFORMED_REQUEST");
    }

    @Test
    void reports1006WhenThePeerDisconnectsInTheMiddleOfAFrame() throws Exception {
        RecordingHandler handler;
        try (RawPeer peer = RawPeer.upgraded(server.port())) {
            handler = nextHandler();
            byte[] frame = RawPeer.masked(0x82, new byte[100]);
            peer.write(java.util.Arrays.copyOf(frame, 40));
        }
        assertThat(handler.nextEvent()).isEqualTo("open");
        assertThat(handler.nextEvent()).isEqualTo("close:1006:");
        assertThat(handler.messages).isEmpty();
    }

    @Test
    void keepsEchoingForAPeerThatSendsPingsBetweenFragments() throws Exception {
        try (RawPeer peer = RawPeer.upgraded(server.port())) {
            nextHandler();
            peer.write(RawPeer.masked(0x01, "Hel".getBytes(StandardCharsets.UTF_8)));
            peer.write(RawPeer.masked(0x89, "p".getBytes(StandardCharsets.UTF_8)));
            peer.write(RawPeer.masked(0x80, "lo".getBytes(StandardCharsets.UTF_8)));
            peer.write(RawPeer.masked(0x88, ByteBuffer.allocate(2).putShort((short) 1000).array()));
            // The pong (RFC 6455 §5.5.2), the echo, then the close echo and EOF: server frames unmasked.
            assertThat(HexFormat.of().formatHex(peer.readToEnd()))
                    .isEqualTo("8a0170" + "810548656c6c6f" + "880203e8");
        }
    }

    private static RecordingHandler nextHandler() throws InterruptedException {
        RecordingHandler h = handlers.poll(10, TimeUnit.SECONDS);
        assertThat(h).as("a connection accepted").isNotNull();
        return h;
    }
}
