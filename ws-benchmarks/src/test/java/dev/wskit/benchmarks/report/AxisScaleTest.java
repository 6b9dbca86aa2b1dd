package dev.wskit.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The chart's axes: a round top above the largest value, round steps, labels as precise as the step. */
class AxisScaleTest {
    @Test
    void roundsUpToAStepOfOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(AxisScale.upTo(423_245)).isEqualTo(new AxisScale(600_000, 200_000));
        assertThat(AxisScale.upTo(5_000)).isEqualTo(new AxisScale(6_000, 2_000));
        assertThat(AxisScale.upTo(37_421)).isEqualTo(new AxisScale(40_000, 10_000));
        assertThat(AxisScale.upTo(0)).isEqualTo(new AxisScale(1, 0.2));
    }

    @Test
    void labelsEachGridlineFromZeroToTheTop() {
        AxisScale scale = AxisScale.upTo(423_245);
        assertThat(scale.ticks()).containsExactly(0.0, 200_000.0, 400_000.0, 600_000.0);
        assertThat(scale.ticks().stream().map(scale::label)).containsExactly("0", "200,000", "400,000", "600,000");
        AxisScale small = AxisScale.upTo(0.7);
        assertThat(small.ticks().stream().map(small::label)).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8");
    }
}
