package dev.wskit.testkit.kit;

import static dev.wskit.testkit.kit.RawPeer.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocketConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The idle timeout's keepalive (RFC 6455 §5.5.2): a ping after a silence, a drop after a second one. */
public interface KeepaliveCases extends TransportCases {

    private static WebSocketConfig idle(int millis) {
        return WebSocketConfig.builder().idleTimeout(Duration.ofMillis(millis)).build();
    }

    @Test
    default void aSilentPeerIsPingedOnceThenDroppedWithoutACloseFrame(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(idle(200));
        RawPeer silent = kit.rawUpgraded(server.port());
        Recorder serverSide = server.nextOpenConnection();
        // One empty ping after the first silence; after the second, the end and nothing else.
        assertThat(hex(silent.readToEnd())).isEqualTo("8900");
        serverSide.expect("error:KEEPALIVE_TIMEOUT", "close:1006:");
    }

    @Test
    default void aPeerThatAnswersItsPingsIsKept(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(idle(150));
        RawPeer peer = kit.rawUpgraded(server.port());
        Recorder serverSide = server.nextOpenConnection();
        for (int i = 0; i < 4; i++) {
            assertThat(hex(peer.readExactly(2))).as("ping %d", i).isEqualTo("8900");
            peer.write(RawPeer.masked(0x8a, new byte[0]));
            serverSide.expect("pong:");
        }
        peer.write(RawPeer.masked(0x81, "alive"));
        assertThat(hex(peer.readExactly(7))).isEqualTo("8105616c697665");
        serverSide.expectText("alive");
    }

    /** The JDK's client answers pings by itself: three idle intervals pass and the connection still echoes. */
    @Test
    default void theJdkClientIsPingedWhenIdleAndKept(Kit kit) throws Exception {
        RecordingServer server = kit.server(idle(150), null, recorder -> {
            recorder.ignoreNotes("pong:");
            return recorder;
        });
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        jdk.expect("ping:", "ping:", "ping:");
        jdk.ignoreNotes("ping:");
        Kit.await(jdk.socket().sendText("still there", true));
        serverSide.expectText("still there");
        jdk.expectText("still there");
    }
}
