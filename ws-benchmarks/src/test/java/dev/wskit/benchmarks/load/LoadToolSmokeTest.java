package dev.wskit.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.benchmarks.servers.EchoProfile;
import dev.wskit.benchmarks.servers.EchoServer;
import dev.wskit.benchmarks.servers.ServerKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A smoke run of the load tool in every mode against every echo server, in this JVM, a few tenths
 * of a second each: the code of the comparison cannot rot, and every server really echoes what
 * the tool sends (the tool fails a run on any echo that is not the message sent, in order).
 * Sizes cover the three length encodings (RFC 6455 §5.2: 7-bit, 16-bit, 64-bit).
 */
class LoadToolSmokeTest {

    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void everyModeRunsAndEveryEchoIsVerified(ServerKind kind) throws Exception {
        try (EchoServer server = kind.start("127.0.0.1", 0, 1)) {
            String port = Integer.toString(server.port());

            LoadResult small = run(kind, "--port", port, "--connections", "3", "--in-flight", "4", "--size", "16");
            assertEchoed(small);
            assertThat(small.getDouble("p99_us")).isPositive();

            LoadResult medium = run(kind, "--port", port, "--connections", "2", "--in-flight", "2", "--size", "300", "--type", "text");
            assertEchoed(medium);

            LoadResult large = run(kind, "--port", port, "--connections", "1", "--in-flight", "2", "--size", "70000");
            assertEchoed(large);
            assertThat(large.getDouble("mb_per_s")).isPositive();

            LoadResult connects = run(kind, "--port", port, "--mode", "connect", "--connections", "2");
            assertThat(connects.failed()).as(connects.line()).isFalse();
            assertThat(connects.getLong("handshakes")).as(connects.line()).isPositive();

            // The server is this JVM: RSS is read, the heap is not (no attaching to oneself).
            LoadResult memory = run(kind, "--port", port, "--mode", "memory", "--connections", "20",
                    "--server-pid", Long.toString(ProcessHandle.current().pid()), "--settle", "0");
            assertThat(memory.failed()).as(memory.line()).isFalse();
            assertThat(memory.getLong("connections")).isEqualTo(20);
            assertThat(memory.getDouble("rss_after_mb")).isPositive();
        }
    }

    /** The memory-deflate point: every WebSocket stack accepts the offer under the echo-app profile, none without. */
    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = "RAW_TCP", mode = EnumSource.Mode.EXCLUDE)
    void theDeflateMemoryModeNeedsTheOfferAccepted(ServerKind kind) throws Exception {
        String self = Long.toString(ProcessHandle.current().pid());
        try (EchoServer compressing = kind.start("127.0.0.1", 0, 1, EchoProfile.ECHO_APP);
             EchoServer plain = kind.start("127.0.0.1", 0, 1)) {
            LoadResult deflating = run(kind, "--port", Integer.toString(compressing.port()), "--mode", "memory",
                    "--deflate", "--connections", "20", "--server-pid", self, "--settle", "0");
            assertThat(deflating.failed()).as(deflating.line()).isFalse();
            assertThat(deflating.getLong("connections")).isEqualTo(20);

            assertThatThrownBy(() -> run(kind, "--port", Integer.toString(plain.port()), "--mode", "memory",
                    "--deflate", "--connections", "2", "--server-pid", self, "--settle", "0"))
                    .isInstanceOf(EchoMismatch.class).hasMessage("permessage-deflate offered, not accepted");
        }
    }

    /**
     * The compressed point: every stack, in its deflate-enabled configuration (the echo-app
     * profile), echoes compressed text the tool inflates and checks; the raw TCP echo returns the
     * tool's own compressed frames, inflated the same way. Sizes: one frame of a 16-bit length
     * compressed, and the point's 64 KiB.
     */
    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void theCompressedEchoIsInflatedAndVerified(ServerKind kind) throws Exception {
        try (EchoServer server = kind.start("127.0.0.1", 0, 1, EchoProfile.ECHO_APP)) {
            for (String size : new String[] {"3000", "65536"}) {
                LoadResult compressed = run(kind, "--port", Integer.toString(server.port()), "--deflate", "--type", "text",
                        "--connections", "2", "--in-flight", "2", "--size", size,
                        "--server-pid", Long.toString(ProcessHandle.current().pid()));
                assertEchoed(compressed);
                assertThat(compressed.getDouble("server_cpu_us_per_msg")).as(compressed.line()).isPositive();
                assertThat(compressed.get("deflate")).as(compressed.line())
                        .startsWith(kind.webSocket() ? "permessage-deflate" : "none");
                // The tool really compressed what it sent, and the server every echo.
                assertThat(compressed.getDouble("sent_compression_ratio")).as(compressed.line()).isBetween(0.001, 0.5);
                assertThat(compressed.getDouble("echo_compression_ratio")).as(compressed.line()).isBetween(0.001, 0.5);
                assertThat(compressed.getLong("uncompressed_echoes")).as(compressed.line()).isZero();
            }
        }
    }

    private static LoadResult run(ServerKind kind, String... args) throws Exception {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--duration", "0.3", "--warmup", "0.1", "--label", "server=" + kind.id()));
        if (!kind.webSocket()) {
            all.add("--raw");
        }
        return LoadTool.run(all.toArray(String[]::new));
    }

    private static void assertEchoed(LoadResult result) {
        assertThat(result.failed()).as(result.line()).isFalse();
        assertThat(result.getLong("messages")).as(result.line()).isPositive();
        // Every echo was checked, including those before and after the measured window.
        assertThat(result.getLong("verified")).as(result.line()).isGreaterThanOrEqualTo(result.getLong("messages"));
    }
}
