package dev.wskit.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Stopping a server with connections open: everyone hears {@code 1001}, after everything sent before it. */
public interface GracefulStopCases extends TransportCases {
    String GOING_AWAY = "close:1001:server stopping";

    @Test
    default void stopClosesEveryConnectionWith1001AndWaitsForTheAnswers(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder jdkServerSide = server.nextOpenConnection();
        Recorder ours = kit.connect(server.uri());
        Recorder oursServerSide = server.nextOpenConnection();

        server.stop(Duration.ofSeconds(5));

        jdk.expect(GOING_AWAY);
        ours.expect(GOING_AWAY);
        // Both clients echoed the code: each closing handshake completed.
        jdkServerSide.expect("close:1001:");
        oursServerSide.expect("close:1001:");
    }

    /**
     * Stop right after a thread of the application queued 8 MiB: all of it is written before the
     * {@code 1001}, in order.
     */
    @Test
    default void stopWritesEverythingSentBeforeItThenThe1001(Kit kit) throws Exception {
        int messages = 128;
        // All of it queued at once, with no flow control: room for it, as such a sender would set.
        RecordingServer server = kit.echoServer(WebSocketConfig.builder().maxOutboundBytes(16L * Payloads.MIB).build());
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        WebSocket socket = serverSide.socket();
        // From a thread of the application: on some transports the sends return before the bytes are written.
        Kit.await(kit.inBackground("sender", () -> {
            for (int i = 0; i < messages; i++) {
                socket.sendBinary(Payloads.numbered(i, 64 * 1024));
            }
            return null;
        }));
        server.stop(Duration.ofSeconds(5));
        for (int i = 0; i < messages; i++) {
            assertThat(ByteBuffer.wrap(jdk.nextBinary()).getInt()).as("message number").isEqualTo(i);
        }
        jdk.expect(GOING_AWAY);
        serverSide.expect("close:1001:");
    }

    /** The peer gets the close frame, never answers, and is dropped once the close timeout is over. */
    @Test
    default void aPeerThatNeverAnswersTheCloseIsDroppedAfterTheCloseTimeout(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(WebSocketConfig.builder().closeTimeout(Duration.ofMillis(300)).build());
        RawPeer silent = kit.rawUpgraded(server.port());
        Recorder serverSide = server.nextOpenConnection();
        server.stop(Duration.ofSeconds(5));
        assertThat(RawPeer.hex(silent.readToEnd())).isEqualTo(RawPeer.hex(RawPeer.serverClose(1001, "server stopping")));
        assertThat(silent.endedByReset()).as("dropped: a reset, not a FIN").isTrue();
        serverSide.expect("error:CLOSE_TIMEOUT", "close:1006:");
    }

    /**
     * A peer that stops reading with the server's writes to it stuck (its window full) does not keep
     * the server from stopping: the 1001 waits behind what it never read, and at the close timeout
     * the connection is reset with all of it.
     */
    @Test
    default void aPeerThatNeverReadsDoesNotKeepTheServerFromStopping(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(WebSocketConfig.builder().closeTimeout(Duration.ofMillis(300)).build());
        RawPeer stalled = kit.rawWithSmallReceiveBuffer(server.port());
        stalled.upgrade();
        Recorder serverSide = server.nextOpenConnection();
        WebSocket socket = serverSide.socket();
        CompletableFuture<Integer> taken = kit.inBackground("sender", () -> {
            int sent = 0;
            // 8 MiB, far more than the socket buffers hold; on the blocking transport this thread
            // blocks in the write, so it runs apart from the test.
            while (sent < 128 && socket.sendBinary(ByteBuffer.allocate(64 * 1024))) {
                sent++;
            }
            return sent;
        });
        server.stop(Duration.ofSeconds(5));
        serverSide.expect("error:CLOSE_TIMEOUT", "close:1006:");
        // The sender is not stuck, however much it queued before the end; what comes after is refused.
        Kit.await(taken);
        assertThat(socket.sendBinary(ByteBuffer.allocate(1))).as("a send after the reset is refused").isFalse();
        stalled.socket().setReceiveBufferSize(64 * 1024);
        stalled.readToEnd();
        assertThat(stalled.endedByReset()).as("dropped: a reset, not a FIN").isTrue();
    }
}
