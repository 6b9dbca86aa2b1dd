package dev.wskit.testkit.kit;

import static dev.wskit.testkit.kit.RawPeer.hex;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.RoundTrip;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The idle timeout's keepalive (RFC 6455 §5.5.2): a ping after a silence, a drop after a second
 * one, and the round trip its pong measures.
 */
public interface KeepaliveCases extends TransportCases {

    private static WebSocketConfig idle(int millis) {
        return WebSocketConfig.builder().idleTimeout(Duration.ofMillis(millis)).build();
    }

    @Test
    default void aSilentPeerIsPingedOnceThenDroppedWithoutACloseFrame(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(idle(200));
        RawPeer silent = kit.rawUpgraded(server.port());
        Recorder serverSide = server.nextOpenConnection();
        // One ping (its number, 1, in ASCII) after the first silence; after the second, the end and nothing else.
        assertThat(hex(silent.readToEnd())).isEqualTo("890131");
        serverSide.expect("error:KEEPALIVE_TIMEOUT", "close:1006:");
    }

    @Test
    default void aPeerThatAnswersItsPingsIsKept(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(idle(150));
        RawPeer peer = kit.rawUpgraded(server.port());
        Recorder serverSide = server.nextOpenConnection();
        for (int i = 1; i <= 4; i++) {
            String number = Integer.toString(i);
            assertThat(hex(peer.readExactly(3))).as("ping %d", i).isEqualTo("8901" + hex(number.getBytes(US_ASCII)));
            peer.write(RawPeer.masked(0x8a, number));
            serverSide.expect("pong:" + number);
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
        jdk.expect("ping:1", "ping:2", "ping:3");
        jdk.ignoreNotes("ping:");
        Kit.await(jdk.socket().sendText("still there", true));
        serverSide.expectText("still there");
        jdk.expectText("still there");
    }

    /**
     * The keepalive ping's pong, which the JDK's client sends by itself, measures the round trip
     * (RFC 6455 §5.5.3): read off the connection's thread, as the value the owner published.
     */
    @Test
    default void theJdkClientsPongToAKeepalivePingMeasuresTheRoundTrip(Kit kit) throws Exception {
        RecordingServer server = kit.server(idle(150), null, recorder -> {
            recorder.ignoreNotes("pong:");
            return recorder;
        });
        JdkRecorder jdk = kit.jdk(server.uri());
        // The pings recur; that one was answered shows in the measurement, which only its pong makes.
        jdk.ignoreNotes("ping:");
        Recorder serverSide = server.nextOpenConnection();
        RoundTrip measured = measuredRoundTrip(serverSide.socket());
        assertThat(measured.latestNanos()).isPositive();
        assertThat(measured.smoothedNanos()).isPositive();
        assertThat(serverSide.socket().ping()).as("a measuring ping asked for from another thread").isTrue();
    }

    /** Waits, up to {@link Events#WAIT}, for the first round trip measured on {@code socket}. */
    private static RoundTrip measuredRoundTrip(WebSocket socket) throws InterruptedException {
        long deadline = System.nanoTime() + Events.WAIT.toNanos();
        while (socket.roundTrip().isEmpty()) {
            assertThat(System.nanoTime() - deadline).as("a round trip measured within the wait").isNegative();
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return socket.roundTrip().orElseThrow();
    }
}
