package dev.wskit.benchmarks.http2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.benchmarks.http2.Http2Options.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A short run of the HTTP/2 benchmark, so the tool the README's table comes from keeps working:
 * 20 WebSockets over 2 HTTP/2 connections against 20 over HTTP/1.1, each against its own server
 * JVM; every echo verified, and a table row for both modes. About 10 s.
 */
class Http2VsHttp1SmokeTest {

    @Test
    void bothModesEchoEveryMessageAndFillTheTable() throws Exception {
        Http2Options options = Http2Options.parse("--sockets", "20", "--h2-connections", "2", "--in-flight", "2",
                "--settle", "0.2", "--warmup", "0.3", "--seconds", "0.7",
                "--server-java-opts", "-Xms64m -Xmx64m -XX:+AlwaysPreTouch -XX:TieredStopAtLevel=1");

        List<ModeRun.Result> results = Http2VsHttp1.run(options);

        assertThat(results).extracting(ModeRun.Result::mode).containsExactly(Mode.HTTP1, Mode.HTTP2);
        for (ModeRun.Result result : results) {
            assertThat(Http2VsHttp1.allVerified(result)).as("%s: %s", result.mode(), result).isTrue();
            assertThat(result.sockets()).isEqualTo(20);
            assertThat(result.handshakesPerSecond()).isPositive();
            assertThat(result.messagesPerSecond()).isPositive();
            assertThat(result.p99Micros()).isGreaterThanOrEqualTo(result.p50Micros()).isPositive();
        }
        assertThat(results.get(0).tcpConnections()).isEqualTo(20);
        assertThat(results.get(1).tcpConnections()).isEqualTo(2);
        String table = Http2VsHttp1.table(results);
        System.out.print(table);
        assertThat(table).contains("| HTTP/1.1 | 20 | 20 |").contains("| HTTP/2 (h2c) | 20 | 2 |");
    }
}
