package dev.wskit.transport.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.WebSocketConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The idle timeout's keepalive (RFC 6455 §5.5.2), the connection limit and a long opening request,
 * over raw sockets.
 */
@Timeout(30)
class KeepaliveAndLimitsTest {
    private final BlockingQueue<RecordingHandler> handlers = new LinkedBlockingQueue<>();

    private BlockingWebSocketServer start(WebSocketConfig config, int maxConnections) throws IOException {
        return BlockingWebSocketServer.builder()
                .config(config)
                .maxConnections(maxConnections)
                .handler(() -> {
                    RecordingHandler h = RecordingHandler.echoing();
                    handlers.add(h);
                    return h;
                })
                .build()
                .start();
    }

    @Test
    void pingsASilentPeerThenDropsItWithoutACloseFrame() throws Exception {
        WebSocketConfig config = WebSocketConfig.builder().idleTimeout(Duration.ofMillis(200)).build();
        try (BlockingWebSocketServer server = start(config, 10);
             RawPeer peer = RawPeer.upgraded(server.port())) {
            // One empty ping after the first silence; after the second, a reset and nothing else.
            assertThat(HexFormat.of().formatHex(peer.readExactly(2))).isEqualTo("8900");
            assertThatThrownBy(peer::readToEnd).isInstanceOf(java.net.SocketException.class).hasMessageContaining("reset");
            RecordingHandler handler = handlers.take();
            assertThat(handler.nextEvent()).isEqualTo("open");
            assertThat(handler.nextEvent()).isEqualTo("error:KEEPALIVE_TIMEOUT");
            assertThat(handler.nextEvent()).isEqualTo("close:1006:");
        }
    }

    @Test
    void keepsAPeerThatAnswersItsPings() throws Exception {
        WebSocketConfig config = WebSocketConfig.builder().idleTimeout(Duration.ofMillis(150)).build();
        try (BlockingWebSocketServer server = start(config, 10);
             RawPeer peer = RawPeer.upgraded(server.port())) {
            for (int i = 0; i < 4; i++) {
                assertThat(HexFormat.of().formatHex(peer.readExactly(2))).isEqualTo("8900");
                peer.write(RawPeer.masked(0x8a, new byte[0]));
            }
            peer.write(RawPeer.masked(0x81, "alive".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(HexFormat.of().formatHex(peer.readExactly(7))).isEqualTo("8105616c697665");
        }
    }

    @Test
    void upgradesARequestManyTimesTheFirstReadBufferAndKeepsTheFrameSentRightAfterIt() throws Exception {
        // About 6 KB, under the default maxHandshakeBytes (8 KiB): the read buffer grows during the head.
        String request = RawPeer.UPGRADE.replace("\r\n\r\n", "\r\nX-Filler: " + "a".repeat(6000) + "\r\n\r\n");
        byte[] frame = RawPeer.masked(0x81, "alive".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        both.writeBytes(frame);
        try (BlockingWebSocketServer server = start(WebSocketConfig.defaults(), 10);
             RawPeer peer = RawPeer.connect(server.port())) {
            peer.write(both.toByteArray());
            assertThat(peer.readHead()).startsWith("HTTP/1.1 101 ");
            assertThat(HexFormat.of().formatHex(peer.readExactly(7))).isEqualTo("8105616c697665");
        }
    }

    @Test
    void refusesConnectionsBeyondTheLimitAndServesThoseWithin() throws Exception {
        try (BlockingWebSocketServer server = start(WebSocketConfig.defaults(), 2);
             RawPeer first = RawPeer.upgraded(server.port());
             RawPeer second = RawPeer.upgraded(server.port());
             RawPeer third = RawPeer.connect(server.port())) {
            assertThat(third.readToEnd()).as("refused: closed with no byte").isEmpty();
            first.write(RawPeer.masked(0x81, "ok".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(HexFormat.of().formatHex(first.readExactly(4))).isEqualTo("81026f6b");
        }
    }
}
