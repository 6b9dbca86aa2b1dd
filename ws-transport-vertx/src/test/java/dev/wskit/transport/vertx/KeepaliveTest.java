package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The idle timeout's keepalive (RFC 6455 §5.5.2) on Vert.x timers, over raw sockets. */
@ExtendWith(VertxExtension.class)
@Timeout(30)
class KeepaliveTest {

    private static VertxWebSocketServer start(Vertx vertx, Duration idle, EchoHandler handler) throws Exception {
        return VertxWebSocketServer.builder(vertx)
                .config(WebSocketConfig.builder().idleTimeout(idle).build())
                .handler(() -> handler)
                .build().listen().await(10, TimeUnit.SECONDS);
    }

    @Test
    void pingsASilentPeerThenDropsItWithoutACloseFrame(Vertx vertx) throws Exception {
        EchoHandler handler = new EchoHandler();
        VertxWebSocketServer server = start(vertx, Duration.ofMillis(200), handler);
        try (RawPeer peer = new RawPeer(server.port())) {
            assertThat(peer.upgrade()).startsWith("HTTP/1.1 101 ");
            // One empty ping after the first silence; after the second, EOF and nothing else.
            assertThat(HexFormat.of().formatHex(peer.readToEof())).isEqualTo("8900");
            assertThat(handler.errors.poll(10, TimeUnit.SECONDS).violation()).isEqualTo(ProtocolViolation.KEEPALIVE_TIMEOUT);
            assertThat(handler.closes.poll(10, TimeUnit.SECONDS)).isEqualTo("1006 ");
        }
    }

    @Test
    void keepsAPeerThatAnswersItsPings(Vertx vertx) throws Exception {
        EchoHandler handler = new EchoHandler();
        VertxWebSocketServer server = start(vertx, Duration.ofMillis(150), handler);
        try (RawPeer peer = new RawPeer(server.port())) {
            peer.upgrade();
            for (int i = 0; i < 4; i++) {
                assertThat(HexFormat.of().formatHex(peer.readExactly(2))).as("ping %d, errors %s closes %s", i, handler.errors, handler.closes).isEqualTo("8900");
                peer.write(RawPeer.frame(0x8a, new byte[0], true));
            }
            peer.write(RawPeer.frame(0x81, "alive".getBytes(StandardCharsets.UTF_8), true));
            assertThat(HexFormat.of().formatHex(peer.readExactly(7))).isEqualTo("8105616c697665");
        }
    }
}
