package dev.wskit.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The comparison table takes medians of successful runs only, and states each ratio and target. */
class LoadTableTest {
    private static final String RUNS = String.join("\n",
            "RESULT mode=echo point=small server=netty-own msgs_per_s=100 p99_us=10 errors=0",
            "RESULT mode=echo point=small server=netty-own msgs_per_s=300 p99_us=30 errors=0",
            "RESULT mode=echo point=small server=netty-own msgs_per_s=200 p99_us=20 errors=0",
            "RESULT mode=echo point=small server=wskit-netty msgs_per_s=250 p99_us=25 errors=0",
            "RESULT mode=echo point=small server=wskit-netty msgs_per_s=1 p99_us=1 errors=1 error=EchoMismatch",
            "RESULT mode=echo point=small server=wskit-blocking msgs_per_s=120 p99_us=40 errors=0",
            "RESULT mode=echo point=small server=raw-tcp msgs_per_s=500 p99_us=5 errors=0",
            "RESULT mode=memory point=memory server=wskit-netty footprint_per_conn_bytes=1000 errors=0",
            "RESULT mode=memory point=memory-deflate server=wskit-netty footprint_per_conn_bytes=1500 errors=0",
            "RESULT mode=memory point=memory server=wskit-blocking footprint_per_conn_bytes=1000 errors=0",
            "RESULT mode=memory point=memory-deflate server=wskit-blocking footprint_per_conn_bytes=2600 errors=0",
            "not a result line");

    @Test
    void showsMediansOfSuccessfulRunsWithRatiosToNettysOwnStack() {
        String table = LoadTable.render(RUNS);

        assertThat(table).contains("| small | msg/s ↑ | 200 | 250 (1.25× ÷netty) (1 failed) | 120 (0.60× ÷netty) |");
        assertThat(table).contains("| small | p99 µs ↓ | 20.0 | 25.0 (1.25× ÷netty) (1 failed) | 40.0 (2.00× ÷netty) |");
        assertThat(table).contains("- small msgs_per_s: wskit-netty ÷ raw-tcp ≥ 0.8 — 0.50×: MISSED by 38%");
        assertThat(table).contains("- small msgs_per_s: wskit-blocking ÷ netty-own ≥ 1.0 — 0.60×: MISSED by 40%");
        // A target against the same server at another point: compression's cost per idle connection.
        assertThat(table).contains("- memory-deflate footprint_per_conn_bytes: wskit-netty ÷ wskit-netty at memory ≤ 2.0 — 1.50×: met");
        assertThat(table).contains("- memory-deflate footprint_per_conn_bytes: wskit-blocking ÷ wskit-blocking at memory ≤ 2.0 — 2.60×: MISSED by 30%");
        assertThat(table).contains("| memory-deflate | B/conn (live heap + RSS growth) ↓ |");
        assertThat(table).contains("small wskit-netty: EchoMismatch");
    }

    @Test
    void showsTheBroadcastRowsAndTargetsAgainstNettysOwnStack() {
        String table = LoadTable.render(String.join("\n",
                "RESULT mode=broadcast point=broadcast-64 server=netty-own subscribers=1000 size=64 in_flight=16 deliveries_per_s=100000 msgs_per_s=100 p99_us=900 errors=0",
                "RESULT mode=broadcast point=broadcast-64 server=wskit-netty subscribers=1000 size=64 in_flight=16 deliveries_per_s=200000 msgs_per_s=200 p99_us=450 errors=0",
                "RESULT mode=broadcast point=broadcast-64 server=wskit-blocking subscribers=1000 size=64 in_flight=16 deliveries_per_s=120000 msgs_per_s=120 p99_us=800 errors=0",
                "RESULT mode=broadcast point=broadcast-4k server=wskit-netty subscribers=1000 size=4096 in_flight=16 deliveries_per_s=1 errors=1 error=1_deliveries_lost,_1_out_of_order"));

        assertThat(table).contains("| broadcast-64 | deliveries/s ↑ | 100,000 | 200,000 (2.00× ÷netty) | 120,000 (1.20× ÷netty) |");
        assertThat(table).contains("| broadcast-64 | p99 µs publish→receipt ↓ | 900 | 450 (0.50× ÷netty) | 800 (0.89× ÷netty) |");
        assertThat(table).contains("- broadcast-64 deliveries_per_s: wskit-netty ÷ netty-own ≥ 1.5 — 2.00×: met");
        assertThat(table).contains("- broadcast-64 deliveries_per_s: wskit-blocking ÷ netty-own ≥ 1.5 — 1.20×: MISSED by 20%");
        assertThat(table).contains("broadcast-4k wskit-netty: 1_deliveries_lost,_1_out_of_order");
        assertThat(PointSettings.describe(LoadRuns.parse(String.join("\n",
                "RESULT mode=broadcast point=broadcast-64 server=netty-own subscribers=1000 size=64 in_flight=16 errors=0")), "broadcast-64"))
                .isEqualTo("broadcast-64: 1 publisher → 1000 subscribers × 64 B text, 16 in flight");
    }

    @Test
    void showsTheCompressedRowsTheAgreementsAndTheRawColumnEvenWithoutItsRuns() {
        String lines = String.join("\n",
                "RESULT mode=echo point=compressed server=netty-own connections=10 size=65536 type=text in_flight=4 mb_per_s=100 deflate=permessage-deflate errors=0",
                "RESULT mode=echo point=compressed server=wskit-netty connections=10 size=65536 type=text in_flight=4 mb_per_s=90 deflate=permessage-deflate errors=0",
                "RESULT mode=broadcast point=broadcast-64 server=netty-own subscribers=10 size=64 in_flight=16 deliveries_per_s=1000 errors=0");
        String table = LoadTable.render(lines);

        assertThat(table).startsWith("| point | measure | netty-own | wskit-netty | raw-tcp |");
        assertThat(table).contains("| compressed | MB/s (uncompressed) ↑ | 100 | 90.0 (0.90× ÷netty) | – |");
        assertThat(table).contains("| broadcast-64 | deliveries/s ↑ | 1,000 | – | – |");
        assertThat(table).contains("netty-own: permessage-deflate; wskit-netty: permessage-deflate.");
        assertThat(table).contains("- compressed mb_per_s: wskit-netty ÷ netty-own ≥ 1.0 — 0.90×: MISSED by 10%");
        assertThat(PointSettings.describe(LoadRuns.parse(lines), "compressed"))
                .isEqualTo("compressed: 10 connections × 64 KiB text, 4 in flight, permessage-deflate on both sides");
    }
}
