package dev.wskit.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The attack table: one row per result line, failures in bold, the tool's one-token text made readable again. */
class AttackTableTest {
    private static final String NBSP = "\u00a0";

    @Test
    void rendersOneRowPerAttackAndServer() {
        String lines = String.join("\n",
                "RESULT attack=deflate-bomb server=wskit-netty healthy_echoes=9 healthy_failures=2 healthy_p99_ms=85.59"
                        + " healthy_error=no" + NBSP + "echo outcome=30" + NBSP + "open server_alive=true serves_after=false"
                        + " heap_before_mb=5.10 heap_peak_mb=259.30 heap_after_mb=241.20 heap_returned=false oom_lines=4 stopped_s=-1",
                "RESULT attack=window-bits server=netty-own healthy_echoes=4 healthy_failures=0 healthy_p99_ms=10.94"
                        + " outcome=server_max_window_bits=7:" + NBSP + "declined server_alive=true serves_after=true"
                        + " heap_before_mb=4.11 heap_peak_mb=-1.00 heap_after_mb=4.99 oom_lines=0 stopped_s=0.2");

        String table = AttackTable.render(lines);

        assertThat(table).contains("| deflate-bomb | wskit-netty | 30 open | **2**, 85.59 ms (9 echoes; no echo) | 259 MB"
                + " | 5 MB -> 241 MB | **yes** | **no** | **killed** |");
        assertThat(table).contains("| window-bits | netty-own | server_max_window_bits=7: declined | 0, 10.94 ms (4 echoes)"
                + " | n/a | 4 MB -> 5 MB | no | yes | 0.2 s |");
    }
}
