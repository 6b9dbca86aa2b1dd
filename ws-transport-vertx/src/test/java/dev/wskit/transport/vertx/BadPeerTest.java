package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Test 4: peers that break the rules, over a raw socket, each answered exactly; meanwhile a
 * healthy connection on the same server keeps echoing.
 */
@ExtendWith(VertxExtension.class)
class BadPeerTest {
    private static final long T = RecordingHandler.TIMEOUT_SECONDS;
    /**
     * Short, yet long enough for a healthy client's first handshake on a cold JVM (Vert.x's
     * client loads its HTTP pipeline then); 300 ms proved too short on 2 cores.
     */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);

    private final BlockingQueue<EchoHandler> handlers = new LinkedBlockingQueue<>();
    private VertxWebSocketServer server;
    private WebSocketClient vertxClient;
    private VertxPeer healthy;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        server = VertxWebSocketServer.builder(vertx)
                .config(WebSocketConfig.builder()
                        .handshakeTimeout(HANDSHAKE_TIMEOUT)
                        .maxFramePayload(1024)
                        .build())
                .handler(() -> {
                    EchoHandler h = new EchoHandler();
                    handlers.add(h);
                    return h;
                })
                .build().listen().await(T, TimeUnit.SECONDS);
        vertxClient = vertx.createWebSocketClient();
        healthy = VertxPeer.connect(vertxClient, server.port(), "/healthy");
        handlers.poll(T, TimeUnit.SECONDS);
        assertHealthyConnectionEchoes();
    }

    @AfterEach
    void stop() throws Exception {
        assertHealthyConnectionEchoes();
        vertxClient.close().await(T, TimeUnit.SECONDS);
        server.shutdown().await(T, TimeUnit.SECONDS);
    }

    private void assertHealthyConnectionEchoes() throws InterruptedException {
        healthy.socket.writeTextMessage("still here");
        assertThat(healthy.next()).isEqualTo("still here");
    }

    @Test
    void stalledHalfHandshakeIsDroppedAfterTheHandshakeTimeout() throws Exception {
        long start = System.nanoTime();
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.write("GET /raw HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            // Dropped without a word: no HTTP status for a peer that never finished asking.
            assertThat(peer.readToEof()).isEmpty();
        }
        // Not before the timeout: the drop is the timer's doing, not the partial request's.
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(HANDSHAKE_TIMEOUT.toNanos());
        EchoHandler handler = handlers.poll(T, TimeUnit.SECONDS);
        assertThat(handler.errors.poll(T, TimeUnit.SECONDS).violation()).isEqualTo(ProtocolViolation.HANDSHAKE_TIMEOUT);
        assertThat(handler.opened).isEmpty();
    }

    @Test
    void unmaskedFrameGetsExactly1002AndThenEof() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            assertThat(peer.upgrade()).startsWith("HTTP/1.1 101 ");
            peer.write(RawPeer.frame(0x81, "hi".getBytes(StandardCharsets.UTF_8), false));
            assertThat(peer.readToEof()).isEqualTo(RawPeer.closeFrame(1002, "client frames must be masked"));
        }
        EchoHandler handler = handlers.poll(T, TimeUnit.SECONDS);
        assertThat(handler.errors.poll(T, TimeUnit.SECONDS).violation()).isEqualTo(ProtocolViolation.UNMASKED_CLIENT_FRAME);
        assertThat(handler.closes.poll(T, TimeUnit.SECONDS)).isEqualTo("1002 ");
    }

    @Test
    void frameAboveMaxFramePayloadGets1009() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.upgrade();
            // Header only: FIN+binary, masked, 16-bit length 2000 (> 1024); refused before the payload.
            peer.write(new byte[] {(byte) 0x82, (byte) (0x80 | 126), 0x07, (byte) 0xd0, 1, 2, 3, 4});
            assertThat(peer.readToEof()).isEqualTo(RawPeer.closeFrame(1009, "frame payload above the configured limit"));
        }
        EchoHandler handler = handlers.poll(T, TimeUnit.SECONDS);
        assertThat(handler.errors.poll(T, TimeUnit.SECONDS).violation()).isEqualTo(ProtocolViolation.FRAME_TOO_BIG);
    }

    @Test
    void invalidUtf8TextGets1007() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.upgrade();
            peer.write(RawPeer.frame(0x81, new byte[] {'o', 'k', (byte) 0xc3, 0x28}, true));
            assertThat(peer.readToEof()).isEqualTo(RawPeer.closeFrame(1007, "text is not valid UTF-8"));
        }
        EchoHandler handler = handlers.poll(T, TimeUnit.SECONDS);
        assertThat(handler.errors.poll(T, TimeUnit.SECONDS).violation()).isEqualTo(ProtocolViolation.INVALID_UTF8);
    }

    @Test
    void wrongVersionGets426WithTheVersionWeSpeak() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.write(RawPeer.UPGRADE.replace("Version: 13", "Version: 12").getBytes(StandardCharsets.US_ASCII));
            String response = new String(peer.readToEof(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 426 ");
            assertThat(response).contains("\r\nSec-WebSocket-Version: 13\r\n");
        }
        EchoHandler handler = handlers.poll(T, TimeUnit.SECONDS);
        assertThat(handler.errors.poll(T, TimeUnit.SECONDS).violation()).isEqualTo(ProtocolViolation.UNSUPPORTED_VERSION);
    }

    @Test
    void postInsteadOfGetGets405() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.write(RawPeer.UPGRADE.replace("GET ", "POST ").getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(peer.readToEof(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 405 ");
        }
    }

    @Test
    void peerThatStopsMidFrameAndDisconnectsLeaves1006() throws Exception {
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.upgrade();
            byte[] frame = RawPeer.frame(0x82, new byte[100], true);
            peer.write(java.util.Arrays.copyOf(frame, 40));
        }
        EchoHandler handler = handlers.poll(T, TimeUnit.SECONDS);
        assertThat(handler.closes.poll(T, TimeUnit.SECONDS)).isEqualTo("1006 ");
        assertThat(handler.errors).isEmpty();
    }
}
