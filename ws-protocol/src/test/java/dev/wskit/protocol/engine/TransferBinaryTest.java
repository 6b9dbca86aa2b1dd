package dev.wskit.protocol.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.EnginePair;
import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.RecordingHandler;
import dev.wskit.protocol.ServerUnderTest;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A handed-over payload ({@link WebSocketEngine#transferBinary}) goes to the wire without a
 * copy, as the same frames {@code sendBinary} makes, and its release runs exactly once, whatever
 * becomes of the send.
 */
class TransferBinaryTest {
    private static final int LARGE = Outbound.MIN_UNCOPIED_PAYLOAD;

    private final AtomicInteger releases = new AtomicInteger();
    private final PayloadRelease release = releases::incrementAndGet;

    @Test
    void aServerWritesTheHeaderThenTheCallersOwnMemory() {
        ServerUnderTest server = new ServerUnderTest();
        ByteBuffer payload = ByteBuffer.wrap(pattern(LARGE));
        server.connection.transferBinary(payload, true, release);

        ByteBuffer header = server.connection.pollOutbound();
        assertThat(server.connection.releaseOfPolled()).as("the header carries no release").isNull();
        assertThat(hex(header)).isEqualTo("827e0400");
        ByteBuffer body = server.connection.pollOutbound();
        assertThat(server.connection.releaseOfPolled()).isSameAs(release);
        assertThat(server.connection.pollOutbound()).isNull();
        assertThat(server.connection.releaseOfPolled()).as("handed on once only").isNull();

        payload.put(0, (byte) 0x55);
        assertThat(body.get(body.position())).as("the queued bytes are the caller's memory, not a copy").isEqualTo((byte) 0x55);
        assertThat(releases).as("the transport runs it once written").hasValue(0);
    }

    @Test
    void makesTheSameFramesAsSendBinaryAtAnyFrameSize() {
        WebSocketConfig config = WebSocketConfig.builder().maxOutgoingFrameSize(1000).build();
        ServerUnderTest copying = new ServerUnderTest(config);
        ServerUnderTest handingOver = new ServerUnderTest(config);
        byte[] data = pattern(2500);

        copying.connection.socket().sendBinary(ByteBuffer.wrap(data), false);
        copying.connection.socket().sendBinary(ByteBuffer.wrap(data), true);
        handingOver.connection.transferBinary(ByteBuffer.wrap(data.clone()), false, release);
        handingOver.connection.transferBinary(ByteBuffer.wrap(data.clone()), true, release);

        List<PayloadRelease> carried = new ArrayList<>();
        byte[] wire = drainCollectingReleases(handingOver.connection, carried);
        assertThat(HexFormat.of().formatHex(wire)).isEqualTo(HexFormat.of().formatHex(copying.written()));
        assertThat(carried).as("one release per send, on the last piece of its payload").hasSize(2);
    }

    @Test
    void aClientMasksTheHandedOverBufferInPlaceAndTheServerReadsTheMessage() {
        EnginePair pair = new EnginePair(WebSocketConfig.defaults(), WebSocketConfig.defaults());
        byte[] data = pattern(LARGE + 7);
        ByteBuffer payload = ByteBuffer.wrap(data.clone());
        pair.client.transferBinary(payload, true, release);

        assertThat(payload.array()).as("masked where it lies (RFC 6455 §5.3)").isNotEqualTo(data);
        List<PayloadRelease> carried = new ArrayList<>();
        byte[] wire = drainCollectingReleases(pair.client, carried);
        pair.server.receive(ByteBuffer.wrap(wire));
        assertThat(pair.serverEvents.take()).containsExactly("binary:" + HexFormat.of().formatHex(data));
        assertThat(carried).containsExactly(release);
    }

    @Test
    void aClientCopiesAReadOnlyBufferAndReleasesItAtOnce() {
        EnginePair pair = new EnginePair(WebSocketConfig.defaults(), WebSocketConfig.defaults());
        byte[] data = pattern(LARGE);
        pair.client.transferBinary(ByteBuffer.wrap(data).asReadOnlyBuffer(), true, release);
        assertThat(releases).hasValue(1);
        pair.pump();
        assertThat(pair.serverEvents.take()).containsExactly("binary:" + HexFormat.of().formatHex(data));
    }

    @Test
    void copiesASmallPayloadIntoOneFrameAndReleasesItAtOnce() {
        ServerUnderTest server = new ServerUnderTest();
        server.connection.transferBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true, release);
        assertThat(releases).hasValue(1);
        assertThat(server.writtenHex()).isEqualTo("8203010203");
    }

    @Test
    void copiesACompressedPayloadAndReleasesItAtOnce() {
        WebSocketConfig deflate = WebSocketConfig.builder()
                .perMessageDeflate(PerMessageDeflateConfig.builder().threshold(0).build()).build();
        EnginePair pair = new EnginePair(deflate, deflate);
        byte[] data = new byte[LARGE * 4];
        pair.server.transferBinary(ByteBuffer.wrap(data), true, release);
        assertThat(releases).hasValue(1);
        pair.pump();
        assertThat(pair.clientEvents.take()).containsExactly("binary:" + HexFormat.of().formatHex(data));
    }

    @Test
    void aRefusedSendIsReleasedAtOnce() {
        ServerUnderTest server = new ServerUnderTest();
        server.connection.socket().sendText("a", false);
        assertThatThrownBy(() -> server.connection.transferBinary(ByteBuffer.allocate(LARGE), true, release))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("§5.4");
        assertThat(releases).hasValue(1);

        server.connection.socket().sendText("b", true);
        server.connection.socket().close();
        assertThat(server.connection.transferBinary(ByteBuffer.allocate(LARGE), true, release)).as("refused after the close").isFalse();
        assertThat(releases).hasValue(2);
    }

    @Test
    void whatWasNeverWrittenIsReleasedWhenTheTransportCloses() {
        ServerUnderTest server = new ServerUnderTest();
        server.connection.transferBinary(ByteBuffer.allocate(LARGE), true, release);
        server.connection.transferBinary(ByteBuffer.allocate(LARGE), true, release);
        server.connection.pollOutbound();
        server.connection.pollOutbound();
        PayloadRelease handedOn = server.connection.releaseOfPolled();

        server.connection.transportClosed();
        assertThat(releases).as("the second payload, never polled").hasValue(1);
        handedOn.release();
        assertThat(releases).hasValue(2);
        assertThat(server.connection.pollOutbound()).isNull();
    }

    @Test
    void aPeerDroppedForItsBacklogReleasesWhatWaitsAtOnce() {
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.builder().maxOutboundBytes(LARGE * 2L).build());
        server.connection.transferBinary(ByteBuffer.allocate(LARGE), true, release);
        assertThat(server.connection.checkOutboundBacklog(LARGE)).isTrue();
        assertThat(releases).hasValue(1);
        assertThat(server.connection.pollOutbound()).as("nothing more is written to a dropped peer").isNull();
        server.connection.transportClosed();
        assertThat(releases).as("released once, not again at the transport's close").hasValue(1);
    }

    @Test
    void sendTextWritesTheEncodedStringWithoutASecondCopy() {
        ServerUnderTest server = new ServerUnderTest();
        String text = "é".repeat(LARGE);
        server.connection.socket().sendText(text);
        assertThat(hex(server.connection.pollOutbound())).as("a header of its own").isEqualTo("817e0800");
        ByteBuffer body = server.connection.pollOutbound();
        assertThat(body.remaining()).isEqualTo(2 * LARGE);
        assertThat(server.connection.pollOutbound()).isNull();
    }

    private static byte[] drainCollectingReleases(WebSocketEngine connection, List<PayloadRelease> releases) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer b; (b = connection.pollOutbound()) != null; ) {
            PayloadRelease release = connection.releaseOfPolled();
            if (release != null) {
                releases.add(release);
            }
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static String hex(ByteBuffer b) {
        return RecordingHandler.hex(b);
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
