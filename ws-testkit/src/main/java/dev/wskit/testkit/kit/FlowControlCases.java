package dev.wskit.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Flow control a handler programs against (docs/ARCHITECTURE.md, "Flow control"): pausing and
 * resuming reading, and the drain signal once what waited for the peer falls back to the low-water
 * mark.
 */
public interface FlowControlCases extends TransportCases {

    /**
     * {@code pause()} in a callback holds back the rest of what was read with it; {@code resume()}
     * from another thread delivers it, in order. The three frames come in one write, so one read:
     * without the pause the two after it would be delivered in the same step, before the test
     * gets to note its resume.
     */
    @Test
    default void pauseHoldsTheRestOfTheInputUntilResume(Kit kit) throws Exception {
        RecordingServer server = kit.server(WebSocketConfig.defaults(), null, recorder -> new ForwardingWebSocketHandler(recorder) {
            @Override
            public void onText(WebSocket socket, String text) {
                super.onText(socket, text);
                if (text.equals("pause")) {
                    socket.pause();
                }
            }
        });
        RawPeer peer = kit.rawUpgraded(server.port());
        Recorder serverSide = server.nextOpenConnection();
        ByteArrayOutputStream three = new ByteArrayOutputStream();
        three.writeBytes(RawPeer.masked(0x81, "pause"));
        three.writeBytes(RawPeer.masked(0x81, "a"));
        three.writeBytes(RawPeer.masked(0x81, "b"));
        peer.write(three.toByteArray());
        serverSide.expectText("pause");
        serverSide.note("resumed by the test");
        serverSide.socket().resume();
        serverSide.expect("resumed by the test");
        serverSide.expectText("a");
        serverSide.expectText("b");
    }

    /**
     * A callback queues 1 MiB for a peer that reads through a 4 KiB window: past the high-water
     * mark the connection is not writable; once the peer has read it and what waits falls back to
     * the low-water mark, the handler is told {@code onDrain}, once, and what it sends then arrives.
     */
    @Test
    default void drainIsToldOnceWhatWaitedFallsBackToTheLowWaterMark(Kit kit) throws Exception {
        int chunk = 64 * 1024;
        int chunks = 16;
        WebSocketConfig config = WebSocketConfig.builder().outboundWaterMarks(16 * 1024, 64 * 1024).build();
        RecordingServer server = kit.server(config, null, recorder -> new ForwardingWebSocketHandler(recorder) {
            @Override
            public void onText(WebSocket socket, String text) {
                super.onText(socket, text);
                for (int i = 0; i < chunks; i++) {
                    socket.sendBinary(ByteBuffer.allocate(chunk));
                }
            }

            @Override
            public void onDrain(WebSocket socket) {
                recorder.note("drain");
                socket.sendText("after drain");
            }
        });
        RawPeer peer = kit.rawWithSmallReceiveBuffer(server.port());
        peer.upgrade();
        Recorder serverSide = server.nextOpenConnection();
        peer.write(RawPeer.masked(0x81, "flood"));
        serverSide.expectText("flood");
        assertEchoThenFlood(peer, chunk, chunks);
        serverSide.expect("drain");
        byte[] afterDrain = RawPeer.unmasked(0x81, "after drain".getBytes(StandardCharsets.UTF_8));
        assertThat(peer.readExactly(afterDrain.length)).isEqualTo(afterDrain);
    }

    private static void assertEchoThenFlood(RawPeer peer, int chunk, int chunks) throws Exception {
        byte[] echo = RawPeer.unmasked(0x81, "flood".getBytes(StandardCharsets.UTF_8));
        assertThat(peer.readExactly(echo.length)).isEqualTo(echo);
        byte[] frame = RawPeer.unmasked(0x82, new byte[chunk]);
        for (int i = 0; i < chunks; i++) {
            assertThat(peer.readExactly(frame.length)).as("frame %d", i).isEqualTo(frame);
        }
    }
}
