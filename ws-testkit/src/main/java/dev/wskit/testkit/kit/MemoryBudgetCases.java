package dev.wskit.testkit.kit;

import static dev.wskit.testkit.kit.RawPeer.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The server's memory budget over real sockets: what peers make the server hold is bounded by
 * it, the connection that holds the most is closed with {@code 1013}, and a small connection
 * beside it is served throughout. Per-connection limits are set high here, so only the budget bounds.
 */
public interface MemoryBudgetCases extends TransportCases {
    int MIB = 1 << 20;
    WebSocketConfig LARGE_MESSAGES = WebSocketConfig.builder().maxFramePayload(16 * MIB).maxMessageSize(16 * MIB).build();
    String SPENT = ProtocolViolation.MEMORY_BUDGET_EXCEEDED.description();

    @Test
    default void aPartialMessageThatOutgrowsTheBudgetIsClosedWith1013WhileAHealthyClientEchoes(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(LARGE_MESSAGES, settings -> settings.memoryBudget(MIB));
        Recorder healthy = kit.connect(server.uri());
        Recorder healthyServerSide = server.nextOpenConnection();
        RawPeer attacker = kit.rawUpgraded(server.port());
        Recorder attackerServerSide = server.nextOpenConnection();

        // One unfinished fragment of 3 MiB: within every per-connection limit, beyond the budget.
        writeInBackground(attacker, RawPeer.masked(0x02, new byte[3 * MIB]));

        assertThat(hex(attacker.readFrame(0x88))).isEqualTo(hex(RawPeer.closePayload(1013, SPENT)));
        attackerServerSide.expect("error:MEMORY_BUDGET_EXCEEDED", "close:1013:");
        echoes(healthy, healthyServerSide, "served throughout");
    }

    @Test
    default void whenTheBudgetRunsShortTheLargestHolderIsShedAndTheSmallConnectionServed(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(LARGE_MESSAGES, settings -> settings.memoryBudget(4 * MIB));
        RawPeer largest = kit.rawUpgraded(server.port());
        Recorder largestServerSide = server.nextOpenConnection();
        Recorder small = kit.connect(server.uri());
        Recorder smallServerSide = server.nextOpenConnection();

        // 3.5 MiB held (in a buffer of at most 4 MiB), within the budget; the pong proves the server read it.
        largest.write(RawPeer.masked(0x02, new byte[3 * MIB + MIB / 2]));
        largest.write(RawPeer.masked(0x89, "held"));
        assertThat(new String(largest.readFrame(0x8a), StandardCharsets.US_ASCII)).isEqualTo("held");
        largestServerSide.expect("ping:held");

        // 800 KB more from a small connection: past the budget, within its credit (an eighth of it),
        // and the largest holder gives way.
        String big = "x".repeat(400 * 1024);
        small.socket().sendText(big, false);
        small.socket().sendText(big, true);

        assertThat(hex(largest.readFrame(0x88))).isEqualTo(hex(RawPeer.closePayload(1013, SPENT)));
        largestServerSide.expect("error:MEMORY_BUDGET_EXCEEDED", "close:1013:");
        smallServerSide.expectText(big + big);
        small.expectText(big + big);
        echoes(small, smallServerSide, "still served");
    }

    private static void echoes(Recorder client, Recorder serverSide, String text) throws InterruptedException {
        client.socket().sendText(text);
        serverSide.expectText(text);
        client.expectText(text);
    }

    /** A write the server may stop reading in the middle of: it must not hold up the test. */
    private static void writeInBackground(RawPeer peer, byte[] bytes) {
        CompletableFuture.runAsync(() -> {
            try {
                peer.write(bytes);
            } catch (IOException stoppedReading) {
                // The server answered before reading it all; what it answered is what the test reads.
            }
        });
    }
}
