package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.WebSocketConfig;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The idle timeout's keepalive (RFC 6455 §5.5.2) on the event loop's timers, over raw sockets. */
@Timeout(30)
class KeepaliveTest {

    @Test
    void pingsASilentPeerThenDropsItWithoutACloseFrame() throws Exception {
        BlockingQueue<String> events = EchoHandler.newEventQueue();
        try (NettyWebSocketServer server = NettyWebSocketServer.builder()
                .config(WebSocketConfig.builder().idleTimeout(Duration.ofMillis(200)).build())
                .handler(() -> new EchoHandler(events)).build().start();
             RawPeer peer = new RawPeer(server.port())) {
            assertThat(peer.handshake("/silent")).startsWith("HTTP/1.1 101 ");
            assertThat(HexFormat.of().formatHex(peer.readExactly(2))).isEqualTo("8900");
            assertThatThrownBy(() -> peer.in.read()).as("reset after the second silence, no close frame")
                    .isInstanceOf(java.net.SocketException.class).hasMessageContaining("reset");
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("/silent error:KEEPALIVE_TIMEOUT");
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("/silent close:1006:");
        }
    }

    @Test
    void keepsAPeerThatAnswersItsPings() throws Exception {
        try (NettyWebSocketServer server = NettyWebSocketServer.builder()
                .config(WebSocketConfig.builder().idleTimeout(Duration.ofMillis(150)).build())
                .handler(() -> new EchoHandler(EchoHandler.newEventQueue())).build().start();
             RawPeer peer = new RawPeer(server.port())) {
            peer.handshake("/lively");
            for (int i = 0; i < 4; i++) {
                assertThat(HexFormat.of().formatHex(peer.readExactly(2))).isEqualTo("8900");
                peer.send(RawPeer.maskedFrame(0x8a, new byte[0]));
            }
            peer.send(RawPeer.maskedFrame(0x81, "alive".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(HexFormat.of().formatHex(peer.readExactly(7))).isEqualTo("8105616c697665");
        }
    }
}
