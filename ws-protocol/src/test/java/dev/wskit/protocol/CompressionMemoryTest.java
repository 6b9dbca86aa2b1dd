package dev.wskit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 7692 costs native zlib memory per connection (a deflater is ~256 KiB). A closed connection
 * must give it back at once, not when the garbage collector happens to run: the test keeps every
 * closed connection reachable, so only the engine's own release can free the memory.
 */
class CompressionMemoryTest {
    private static final int CONNECTIONS = 10_000;
    private static final long MIB = 1024 * 1024;

    @Test
    void tenThousandClosedCompressedConnectionsLeaveNoNativeMemoryBehind() throws IOException {
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isReadable(status), "needs Linux /proc to read the resident set size");
        WebSocketConfig config = WebSocketConfig.builder()
                .perMessageDeflate(PerMessageDeflateConfig.builder().threshold(0).build()).build();
        List<EnginePair> kept = new ArrayList<>(CONNECTIONS);
        long rssBefore = residentBytes(status);
        long heapBefore = committedHeap();
        for (int i = 0; i < CONNECTIONS; i++) {
            EnginePair pair = new EnginePair(config, config);
            pair.client.socket().sendText("compressed " + i);
            pair.client.socket().close();
            pair.pump();
            assertThat(pair.server.socket().state()).isEqualTo(ConnectionState.CLOSED);
            kept.add(pair);
        }
        long nativeGrowth = (residentBytes(status) - rssBefore) - (committedHeap() - heapBefore);
        // Unreleased, 20,000 zlib streams would hold several GiB.
        assertThat(nativeGrowth / MIB).as("resident growth beyond the heap, MiB").isLessThan(512);
        assertThat(kept).hasSize(CONNECTIONS);
    }

    private static long residentBytes(Path status) throws IOException {
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                .findFirst().orElseThrow();
    }

    private static long committedHeap() {
        return Runtime.getRuntime().totalMemory();
    }
}
