package dev.wskit.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.benchmarks.codec.DecodeBenchmark;
import dev.wskit.benchmarks.codec.EncodeBenchmark;
import dev.wskit.benchmarks.codec.MaskingBenchmark;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every generated benchmark runs through JMH itself (in this JVM, one short iteration: a smoke
 * run, not a measurement), and the report turns JMH's JSON into a table with a row per result.
 */
class AllBenchmarksRunTest {
    private static final List<Class<?>> BENCHMARKS = List.of(DecodeBenchmark.class, EncodeBenchmark.class, MaskingBenchmark.class);

    @Test
    void everyBenchmarkRunsAndIsReported() throws Exception {
        Path json = Path.of("target", "jmh-smoke.json");
        Options options = new OptionsBuilder()
                .include("dev\\.wskit\\.benchmarks\\.codec\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(20))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .output(Path.of("target", "jmh-smoke.log").toString()) // JMH's progress, kept out of the build log
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results).hasSize(expectedRuns());
        for (RunResult result : results) {
            double score = result.getPrimaryResult().getScore();
            assertThat(score).as(result.getParams().id()).isPositive().isFinite();
        }
        String table = MarkdownReport.render(Files.readString(json, StandardCharsets.UTF_8));
        assertThat(table).contains("### DecodeBenchmark", "### EncodeBenchmark", "### MaskingBenchmark",
                "÷ netty |", "÷ nettyPooled |", "÷ arraycopy |");
        long rows = table.lines().filter(line -> line.startsWith("| ") && !line.startsWith("| case")).count();
        assertThat(rows).isEqualTo(expectedRuns());
    }

    /** Benchmark methods × parameter combinations, from the annotations. */
    private static int expectedRuns() {
        int runs = 0;
        for (Class<?> benchmark : BENCHMARKS) {
            int combinations = 1;
            for (Field field : benchmark.getDeclaredFields()) {
                Param param = field.getAnnotation(Param.class);
                if (param != null) {
                    combinations *= param.value().length;
                }
            }
            int methods = 0;
            for (Method method : benchmark.getMethods()) {
                if (method.isAnnotationPresent(Benchmark.class)) {
                    methods++;
                }
            }
            runs += methods * combinations;
        }
        return runs;
    }
}
