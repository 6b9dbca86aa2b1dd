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
            "not a result line");

    @Test
    void showsMediansOfSuccessfulRunsWithRatiosToNettysOwnStack() {
        String table = LoadTable.render(RUNS);

        assertThat(table).contains("| small | msg/s ↑ | 200 | 250 (1.25× ÷netty) (1 failed) | 120 (0.60× ÷netty) |");
        assertThat(table).contains("| small | p99 µs ↓ | 20.0 | 25.0 (1.25× ÷netty) (1 failed) | 40.0 (2.00× ÷netty) |");
        assertThat(table).contains("- small msgs_per_s: wskit-netty ÷ netty-own ≥ 1.0 — 1.25×: met");
        assertThat(table).contains("- small p99_us: wskit-netty ÷ netty-own ≤ 1.1 — 1.25×: MISSED by 14%");
        assertThat(table).contains("- small msgs_per_s: wskit-blocking ÷ netty-own ≥ 0.7 — 0.60×: MISSED by 14%");
        assertThat(table).contains("small wskit-netty: EchoMismatch");
    }
}
