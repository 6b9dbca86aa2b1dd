package dev.wskit.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value axis from zero to a round top above the largest value, with a gridline every round
 * step (1, 2 or 5 times a power of ten). Zero-based, so that bar heights compare as the values do.
 */
record AxisScale(double top, double step) {
    /** About this many steps up to the top: enough gridlines to read a bar by, few enough to label. */
    private static final int STEPS = 4;

    static AxisScale upTo(double largest) {
        if (!(largest > 0) || Double.isInfinite(largest)) {
            return new AxisScale(1, 0.2);
        }
        double rough = largest / STEPS;
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = power;
        for (double multiple : new double[] {1, 2, 5, 10}) {
            step = multiple * power;
            if (step >= rough) {
                break;
            }
        }
        return new AxisScale(Math.ceil(largest / step) * step, step);
    }

    /** The gridline values, zero and the top included. */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long count = Math.round(top / step);
        for (long i = 0; i <= count; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /** A gridline's label, with as many decimals as the step has and no more. */
    String label(double tick) {
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(step)));
        return String.format(Locale.ROOT, "%,." + decimals + "f", tick);
    }

    /** {@code value} as a share of the axis, 0 at the bottom and 1 at the top. */
    double fraction(double value) {
        return Math.max(0, value) / top;
    }
}
