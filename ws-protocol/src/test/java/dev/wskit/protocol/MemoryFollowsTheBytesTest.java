package dev.wskit.protocol;

import static dev.wskit.protocol.Wire.masked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.fuzz.Allocations;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What a peer's frames make the engine allocate follows the bytes that arrived, never what a
 * header declares, and a compressed frame inflates no further than the message limit. Each
 * measurement runs twice, the first to load the classes (loading allocates too).
 */
class MemoryFollowsTheBytesTest {
    private static final int MIB = 1024 * 1024;

    /**
     * Heap the engine allocated reading {@code pieces}, one {@code receive} each, on a fresh
     * server, after a first run to load classes; {@code after} checks the events.
     */
    private static long allocatedBy(WebSocketConfig config, String request, String response, byte[][] pieces,
            Consumer<ServerUnderTest> after) {
        long allocated = 0;
        for (int run = 0; run < 2; run++) {
            ServerUnderTest server = new ServerUnderTest(config, request, response);
            ByteBuffer[] buffers = new ByteBuffer[pieces.length];
            for (int i = 0; i < pieces.length; i++) {
                buffers[i] = ByteBuffer.wrap(pieces[i].clone());
            }
            long before = Allocations.byThisThread();
            for (ByteBuffer buffer : buffers) {
                server.connection.receive(buffer);
            }
            allocated = Allocations.byThisThread() - before;
            after.accept(server);
        }
        return allocated;
    }

    /** The header of a masked binary frame declaring {@code length} bytes (64-bit length field). */
    private static byte[] header(long length) {
        byte[] header = {(byte) 0x82, (byte) (0x80 | 127), 0, 0, 0, 0, 0, 0, 0, 0, 0x37, (byte) 0xfa, 0x21, 0x3d};
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (length >>> (56 - 8 * i));
        }
        return header;
    }

    @Test
    void aFrameDeclaringTheLargestPayloadAllocatesNothingForItBeforeItsBytesArrive() {
        WebSocketConfig config = WebSocketConfig.defaults();
        long declared = config.maxFramePayload();
        long allocated = allocatedBy(config, Rfc6455Examples.OPENING_REQUEST, Rfc6455Examples.OPENING_RESPONSE,
                new byte[][] {header(declared)}, server -> assertThat(server.events.take()).isEmpty());
        assertThat(allocated).as("bytes allocated for a header declaring %d", declared).isLessThan(16 * 1024);
    }

    @Test
    void whatAPartlyArrivedFrameHoldsGrowsWithItsBytes() {
        WebSocketConfig config = WebSocketConfig.defaults();
        int arrived = 64 * 1024;
        byte[][] pieces = new byte[1 + arrived / 4096][];
        pieces[0] = header(config.maxFramePayload());
        Arrays.fill(pieces, 1, pieces.length, new byte[4096]);
        long allocated = allocatedBy(config, Rfc6455Examples.OPENING_REQUEST, Rfc6455Examples.OPENING_RESPONSE,
                pieces, server -> assertThat(server.events.take()).isEmpty());
        // The message buffer doubles as bytes come: twice what arrived, and some change.
        assertThat(allocated).as("bytes allocated for %d of %d declared", arrived, config.maxFramePayload())
                .isLessThan(2L * arrived + 32 * 1024);
    }

    @Test
    void oneCompressedFrameInflatesNoFurtherThanTheMessageLimit() {
        byte[] bomb = PerMessageDeflateTest.rawDeflate(new byte[64 * MIB]);
        assertThat(bomb.length).as("64 MiB of zeros in one small frame").isLessThan(MIB);
        WebSocketConfig config = WebSocketConfig.builder().maxMessageSize(MIB)
                .perMessageDeflate(PerMessageDeflateConfig.defaults()).build();
        String offer = Rfc6455Examples.OPENING_REQUEST.replace("\r\n\r\n",
                "\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n");
        String accept = Rfc6455Examples.OPENING_RESPONSE.replace("\r\n\r\n",
                "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n");
        byte[] frame = masked(0xc2, bomb);
        long allocated = allocatedBy(config, offer, accept, new byte[][] {frame},
                server -> assertThat(server.events.take()).containsExactly("error:MESSAGE_TOO_BIG", "close:1009:"));
        // The message limit, the buffer's doubling up to it, and the frame itself: far below 64 MiB.
        assertThat(allocated).as("bytes allocated inflating one frame of %d bytes", frame.length).isLessThan(4L * MIB);
    }
}
