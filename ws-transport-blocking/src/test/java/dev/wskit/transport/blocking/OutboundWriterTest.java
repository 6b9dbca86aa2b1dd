package dev.wskit.transport.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.Payloads;
import dev.wskit.testkit.kit.RawPeer;
import dev.wskit.transport.core.OutboundWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gathering writes: the bytes that leave are exactly the frames the engine queued, in queue order;
 * small frames share writes, a large array is written where it lies, and each handed-over
 * payload's release runs once. The server engine's frames are unmasked (RFC 6455 §5.1), so
 * {@link RawPeer#unmasked} spells each expected frame.
 */
@ExtendWith(Kit.Extension.class)
@Timeout(60)
class OutboundWriterTest {
    private static final int LARGE = 100_000;

    private final RecordingStream out = new RecordingStream();
    private final OutboundWriter writer = new OutboundWriter(out);
    private final WebSocketEngine engine =
            WebSocketEngine.server(WebSocketConfig.defaults(), new WebSocketHandler() { }, System::nanoTime);
    private final ByteArrayOutputStream expected = new ByteArrayOutputStream();

    @BeforeEach
    void upgrade() throws IOException {
        engine.receive(ByteBuffer.wrap(RawPeer.UPGRADE.getBytes(StandardCharsets.US_ASCII)));
        writeQueued();
        // Queued alone: one write, straight from the engine's buffer.
        assertThat(out.writes).hasSize(1);
        assertThat(new String(out.writes.get(0), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101 ");
        out.writes.clear();
        out.arrays.clear();
    }

    @Test
    void gathersManySmallFramesIntoFewWritesInQueueOrder() throws IOException {
        for (int i = 0; i < 300; i++) {
            sendBinary(Payloads.binary(i % 126));
        }

        writeQueued();

        assertThat(out.bytes()).isEqualTo(expected.toByteArray());
        int fullWrites = expected.size() / OutboundWriter.GATHER_BYTES;
        assertThat(out.writes).hasSize(fullWrites + 1);
        assertThat(out.writes.subList(0, fullWrites)).allSatisfy(w -> assertThat(w).hasSize(OutboundWriter.GATHER_BYTES));
    }

    @Test
    void writesALargeArrayWhereItLiesBetweenGatheredSmallFrames() throws IOException {
        for (int i = 0; i < 10; i++) {
            sendBinary(Payloads.binary(i));
        }
        byte[] large = Payloads.binary(LARGE);
        engine.socket().transferBinary(ByteBuffer.wrap(large), true);
        expected.writeBytes(RawPeer.unmasked(0x82, large));
        for (int i = 10; i < 20; i++) {
            sendBinary(Payloads.binary(i));
        }

        writeQueued();

        assertThat(out.bytes()).isEqualTo(expected.toByteArray());
        // The small frames and the large one's header, the large payload itself, the small frames after.
        assertThat(out.writes).hasSize(3);
        assertThat(out.arrays.get(1)).isSameAs(large);
    }

    @Test
    void copiesDirectAndReadOnlyPayloadsExactlyWithoutMovingThem() throws IOException {
        byte[] bulk = Payloads.binary(3 * OutboundWriter.GATHER_BYTES + 5);
        ByteBuffer direct = ByteBuffer.allocateDirect(bulk.length + 3).position(3);
        direct.put(bulk).position(3);
        byte[] medium = Payloads.binary(2000);
        ByteBuffer readOnly = ByteBuffer.wrap(medium).asReadOnlyBuffer();
        engine.socket().transferBinary(direct, true);
        expected.writeBytes(RawPeer.unmasked(0x82, bulk));
        engine.socket().transferBinary(readOnly, true);
        expected.writeBytes(RawPeer.unmasked(0x82, medium));

        writeQueued();

        assertThat(out.bytes()).isEqualTo(expected.toByteArray());
        assertThat(out.writes).allSatisfy(w -> assertThat(w.length).isLessThanOrEqualTo(OutboundWriter.GATHER_BYTES));
        assertThat(direct.position()).isEqualTo(3);
        assertThat(readOnly.position()).isZero();
    }

    @Test
    void runsEachReleaseOnceWhetherItsPayloadWasCopiedOrWritten() throws IOException {
        AtomicInteger copiedReleases = new AtomicInteger();
        AtomicInteger writtenReleases = new AtomicInteger();
        sendBinary(Payloads.binary(10));
        engine.transferBinary(ByteBuffer.wrap(Payloads.binary(2000)), true, copiedReleases::incrementAndGet);
        engine.transferBinary(ByteBuffer.wrap(Payloads.binary(LARGE)), true, writtenReleases::incrementAndGet);

        writeQueued();

        assertThat(copiedReleases).hasValue(1);
        assertThat(writtenReleases).hasValue(1);
    }

    @Test
    void runsTheReleaseOfTheBufferItWasWritingWhenTheStreamFails() {
        AtomicInteger releases = new AtomicInteger();
        engine.transferBinary(ByteBuffer.wrap(Payloads.binary(LARGE)), true, releases::incrementAndGet);
        out.failing = true;

        assertThatThrownBy(this::writeQueued).isInstanceOf(IOException.class);
        assertThat(releases).hasValue(1);
    }

    @Test
    void aPeerReadsEveryFrameInOrderWhenACallbackQueuesManySmallAndOneLargeMessage(Kit kit) throws Exception {
        byte[] large = Payloads.binary(LARGE);
        List<byte[]> small = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            small.add(Payloads.binary(i % 200));
        }
        try (BlockingWebSocketServer server = BlockingWebSocketServer.builder()
                .handler(() -> new WebSocketHandler() {
                    @Override
                    public void onText(WebSocket socket, String text) {
                        // Inside the callback all is queued, then written at once as it returns.
                        for (int i = 0; i < small.size(); i++) {
                            socket.sendBinary(ByteBuffer.wrap(small.get(i)));
                            if (i == small.size() / 2) {
                                socket.sendBinary(ByteBuffer.wrap(large));
                            }
                        }
                    }
                })
                .build().start()) {
            RawPeer peer = kit.rawUpgraded(server.port());
            for (int i = 0; i < small.size(); i++) {
                expected.writeBytes(RawPeer.unmasked(0x82, small.get(i)));
                if (i == small.size() / 2) {
                    expected.writeBytes(RawPeer.unmasked(0x82, large));
                }
            }

            peer.write(RawPeer.masked(0x81, "go".getBytes(StandardCharsets.UTF_8)));

            assertThat(peer.readExactly(expected.size())).isEqualTo(expected.toByteArray());
        }
    }

    /** What the connection driver does: hands every queued buffer to the writer, then writes. */
    private void writeQueued() throws IOException {
        for (ByteBuffer b; (b = engine.pollOutbound()) != null; ) {
            writer.add(b, engine.releaseOfPolled());
        }
        writer.writeBatch(writer.takeBatch());
    }

    private void sendBinary(byte[] payload) {
        engine.socket().sendBinary(ByteBuffer.wrap(payload));
        expected.writeBytes(RawPeer.unmasked(0x82, payload));
    }

    /** Keeps each write's bytes and the array they came from; fails every write when told to. */
    private static final class RecordingStream extends OutputStream {
        final List<byte[]> writes = new ArrayList<>();
        final List<byte[]> arrays = new ArrayList<>();
        boolean failing;

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (failing) {
                throw new IOException("broken pipe");
            }
            byte[] copy = new byte[len];
            System.arraycopy(b, off, copy, 0, len);
            writes.add(copy);
            arrays.add(b);
        }

        @Override
        public void write(int b) {
            throw new AssertionError("the writer writes arrays, never single bytes");
        }

        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            writes.forEach(all::writeBytes);
            return all.toByteArray();
        }
    }
}
