package dev.wskit.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Peers slower than the server sends: one that never reads is dropped once what waits for it
 * passes {@code maxOutboundBytes}, the server's memory bounded meanwhile and its other
 * connections unaffected; one that reads slowly gets every message, in order.
 */
public interface SlowReaderCases extends TransportCases {
    int CHUNK = 64 * 1024;
    long MAX_OUTBOUND = Payloads.MIB;
    /** Far more than {@link #MAX_OUTBOUND} holds: the loop ends by the drop, not by this bound. */
    int MOST_SENDS = 1000;

    @Test
    default void aPeerThatNeverReadsIsDroppedOnceItsQueuedMessagesPassMaxOutboundBytes(Kit kit) throws Exception {
        AtomicLong accepted = new AtomicLong();
        AtomicLong mostPending = new AtomicLong();
        CompletableFuture<Void> flooded = new CompletableFuture<>();
        RecordingServer server = kit.server(WebSocketConfig.builder().maxOutboundBytes(MAX_OUTBOUND).build(), null,
                recorder -> new ForwardingWebSocketHandler(recorder) {
                    @Override
                    public void onText(WebSocket socket, String text) {
                        super.onText(socket, text);
                        if (text.equals("flood")) {
                            // Inside a callback: nothing is written until it returns, the queue only grows.
                            for (int i = 0; i < MOST_SENDS && socket.sendBinary(ByteBuffer.allocate(CHUNK)); i++) {
                                accepted.incrementAndGet();
                                mostPending.accumulateAndGet(socket.pendingOutboundBytes(), Math::max);
                            }
                            flooded.complete(null);
                        }
                    }
                });
        Recorder healthy = kit.connect(server.uri());
        Recorder healthyServerSide = server.nextOpenConnection();
        RawPeer silent = kit.rawWithSmallReceiveBuffer(server.port());
        silent.upgrade();
        Recorder silentServerSide = server.nextOpenConnection();

        silent.write(RawPeer.masked(0x81, "flood"));
        Kit.await(flooded);
        silentServerSide.expectText("flood");
        silentServerSide.expect("error:OUTBOUND_LIMIT_EXCEEDED", "close:1006:");
        // 16 messages of 64 KiB and their headers fit in 1 MiB; the 17th passes it and drops the peer.
        assertThat(accepted.get()).isBetween(1L, 17L);
        assertThat(mostPending.get()).isLessThanOrEqualTo(MAX_OUTBOUND + CHUNK + 10);
        // Dropped, without a close frame owed to a peer that reads nothing: what it gets is bounded.
        assertThat(silent.readToEnd().length).isLessThanOrEqualTo((int) (MAX_OUTBOUND + CHUNK));

        healthy.socket().sendText("unaffected");
        healthyServerSide.expectText("unaffected");
        healthy.expectText("unaffected");
    }

    /** Sent from a thread of the application, not a callback: 4 MiB through a 4 KiB receive window. */
    @Test
    default void aPeerThatReadsSlowlyGetsEveryMessageInOrder(Kit kit) throws Exception {
        int messages = 256;
        int size = 16 * 1024;
        // All of it queued at once, with no flow control: room for it, as such a sender would set.
        RecordingServer server = kit.echoServer(WebSocketConfig.builder().maxOutboundBytes(16L * Payloads.MIB).build());
        RawPeer slow = kit.rawWithSmallReceiveBuffer(server.port());
        slow.upgrade();
        WebSocket serverSide = server.nextOpenConnection().socket();
        CompletableFuture<Object> sender = kit.inBackground("sender", () -> {
            for (int i = 0; i < messages; i++) {
                serverSide.sendBinary(Payloads.numbered(i, size));
            }
            return null;
        });
        for (int i = 0; i < messages; i++) {
            ByteBuffer message = ByteBuffer.wrap(slow.readFrame(0x82));
            assertThat(message.remaining()).isEqualTo(size);
            assertThat(message.getInt()).as("message number").isEqualTo(i);
        }
        Kit.await(sender);
    }
}
