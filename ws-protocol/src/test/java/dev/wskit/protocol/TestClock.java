package dev.wskit.protocol;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A clock for the engine that moves only when a test moves it. */
public final class TestClock implements LongSupplier {
    private long nanos = 1_000_000_000L;

    @Override
    public long getAsLong() {
        return nanos;
    }

    public TestClock advance(Duration by) {
        nanos += by.toNanos();
        return this;
    }
}
