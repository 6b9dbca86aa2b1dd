package dev.wskit.protocol;

import static dev.wskit.protocol.ServerUnderTest.hex;
import static dev.wskit.protocol.Wire.closePayload;
import static dev.wskit.protocol.Wire.masked;
import static dev.wskit.protocol.Wire.unmasked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The engine asks its {@link MemoryAccount} before it grows what a peer makes it hold, gives every
 * byte back, and answers a refusal with {@code 1013}: here with an account of a fixed size.
 */
class MemoryAccountThroughEngineTest {
    private static final String SPENT = ProtocolViolation.MEMORY_BUDGET_EXCEEDED.description();

    /** Grants up to {@code limit} bytes held at once. */
    private static final class FixedAccount implements MemoryAccount {
        private final long limit;
        private long held;
        private int reservations;

        FixedAccount(long limit) {
            this.limit = limit;
        }

        @Override
        public boolean reserve(long bytes) {
            assertThat(bytes).isPositive();
            if (held + bytes > limit) {
                return false;
            }
            held += bytes;
            reservations++;
            return true;
        }

        @Override
        public void release(long bytes) {
            assertThat(bytes).isNotNegative();
            held -= bytes;
            assertThat(held).as("released more than reserved").isNotNegative();
        }
    }

    @Test
    void aFragmentedMessageThatOutgrowsTheAccountIsClosedWith1013AndGivesEverythingBack() {
        FixedAccount memory = new FixedAccount(4096);
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.defaults(), memory);

        server.receive(masked(0x02, new byte[3000]));
        assertThat(memory.held).as("the first fragment is kept").isGreaterThanOrEqualTo(3000);
        server.receive(masked(0x00, new byte[3000]));

        assertThat(server.writtenHex()).isEqualTo(hex(unmasked(0x88, closePayload(CloseCode.TRY_AGAIN_LATER, SPENT))));
        assertThat(server.events.take()).containsExactly("error:MEMORY_BUDGET_EXCEEDED", "close:1013:");
        assertThat(memory.held).as("the buffer goes with the close").isZero();
    }

    @Test
    void aMessageWithinTheAccountIsDeliveredAndALargeBufferIsGivenBackAfterIt() {
        FixedAccount memory = new FixedAccount(1 << 20);
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.defaults(), memory);

        server.receive(masked(0x02, new byte[100_000]), masked(0x80, new byte[100_000]));
        assertThat(server.events.take()).hasSize(1).allMatch(event -> event.startsWith("binary:"));
        assertThat(memory.held).as("above the retained capacity, the array goes after the message").isZero();

        server.receive(masked(0x02, new byte[100]), masked(0x80, new byte[100]));
        assertThat(memory.held).as("a small buffer is kept for the next message").isPositive();
        server.connection.transportClosed();
        assertThat(memory.held).isZero();
    }

    @Test
    void outputThePeerDoesNotReadIsHeldOfTheAccountAndGivenBackAsItDrains() {
        FixedAccount memory = new FixedAccount(10_000);
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.defaults(), memory);

        server.connection.socket().sendBinary(ByteBuffer.wrap(new byte[3000]));
        assertThat(server.connection.holdUnwritten(2000)).isFalse();
        assertThat(memory.held).isEqualTo(3004 + 2000);
        server.written();
        assertThat(server.connection.holdUnwritten(0)).isFalse();
        assertThat(memory.held).isZero();
    }

    @Test
    void outputBeyondTheAccountFailsTheConnectionWith1013AndFreesTheQueue() {
        FixedAccount memory = new FixedAccount(10_000);
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.defaults(), memory);

        server.connection.socket().sendBinary(ByteBuffer.wrap(new byte[8000]));
        assertThat(server.connection.holdUnwritten(8000)).isTrue();

        assertThat(server.writtenHex()).as("the queued message is dropped, the close goes out")
                .isEqualTo(hex(unmasked(0x88, closePayload(CloseCode.TRY_AGAIN_LATER, SPENT))));
        assertThat(server.events.take()).containsExactly("error:MEMORY_BUDGET_EXCEEDED", "close:1013:");
        server.connection.holdUnwritten(0);
        assertThat(memory.held).isZero();
    }

    @Test
    void aConnectionShedByTheBudgetClosesWith1013AndDropsItsPartialMessage() {
        FixedAccount memory = new FixedAccount(1 << 20);
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.defaults(), memory);
        server.receive(masked(0x01, "part of a message"));
        assertThat(memory.held).isPositive();

        server.connection.shed();

        assertThat(server.writtenHex()).isEqualTo(hex(unmasked(0x88, closePayload(CloseCode.TRY_AGAIN_LATER, SPENT))));
        assertThat(server.events.take()).containsExactly("error:MEMORY_BUDGET_EXCEEDED", "close:1013:");
        assertThat(memory.held).isZero();
        server.connection.shed();
        assertThat(server.written()).as("shed once closed: nothing more").isEmpty();
    }

    @Test
    void anInflatedMessageGrowsItsBufferByDoublingNotByEachPieceTheInflaterEmits() {
        FixedAccount memory = new FixedAccount(64 << 20);
        WebSocketConfig deflate = WebSocketConfig.builder().maxMessageSize(64 << 20)
                .perMessageDeflate(PerMessageDeflateConfig.defaults()).build();
        ServerUnderTest server = new ServerUnderTest(deflate, memory, PerMessageDeflateTest.OFFER, PerMessageDeflateTest.ACCEPT);

        // 4 MiB of zeros in a few KB, and the message left unfinished: all of it is buffered.
        server.receive(masked(0x42, PerMessageDeflateTest.rawDeflate(new byte[4 << 20])));

        assertThat(memory.held).isBetween(4L << 20, 8L << 20);
        assertThat(memory.reservations).as("about log2(4 MiB / 256 B), not one per 8 KiB piece").isLessThan(20);
    }
}
