package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.testkit.kit.JdkRecorder;
import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.RawPeer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bytes Netty holds unwritten count against {@code maxOutboundBytes}: with a limit below
 * Netty's high water mark (64 KiB, where reading stops for backpressure), a peer that sends and
 * never reads is dropped by its own unwritten echoes. (The kit checks the limit within one callback.)
 */
@ExtendWith(Kit.Extension.class)
@Timeout(60)
class OutboundLimitTest {
    private static final int FRAME_PAYLOAD = 16 * 1024;
    /** Far above what the kernel's socket buffers absorb on loopback, so the server must buffer. */
    private static final long MAX_BYTES_SENT = 256L * 1024 * 1024;

    @Test
    void aPeerThatSendsAndNeverReadsIsDroppedByItsUnwrittenEchoes(Kit kit) throws Exception {
        BlockingQueue<String> ends = new LinkedBlockingQueue<>();
        NettyWebSocketServer server = NettyWebSocketServer.builder()
                .config(WebSocketConfig.builder().maxOutboundBytes(32 * 1024).build())
                .handler(() -> new ForwardingWebSocketHandler(Kit.echo()) {
                    @Override
                    public void onError(WebSocket socket, WebSocketException error) {
                        ends.add("error:" + error.violation());
                    }

                    @Override
                    public void onClose(WebSocket socket, int code, String reason) {
                        ends.add("close:" + code);
                    }
                }).build().start();
        kit.closeAfter(() -> server.stop(Duration.ofSeconds(2)));
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
        JdkRecorder healthy = kit.jdk(uri);
        RawPeer silent = kit.rawUpgraded(server.port());
        CompletableFuture<Long> sent = kit.inBackground("writer", () -> sendUntilDropped(silent));

        assertThat(Kit.next(ends)).isEqualTo("error:OUTBOUND_LIMIT_EXCEEDED");
        assertThat(Kit.next(ends)).isEqualTo("close:1006");
        assertThat(Kit.await(sent)).isLessThan(MAX_BYTES_SENT);
        Kit.await(healthy.socket().sendText("unaffected", true));
        healthy.expectText("unaffected");
    }

    /** Writes masked 16 KiB binary frames until the server drops us; returns the bytes written. */
    private static long sendUntilDropped(RawPeer peer) {
        byte[] frame = RawPeer.masked(0x82, new byte[FRAME_PAYLOAD]);
        long sent = 0;
        try {
            while (sent < MAX_BYTES_SENT) {
                peer.write(frame);
                sent += frame.length;
            }
        } catch (IOException droppedByServer) {
            return sent;
        }
        return sent;
    }
}
