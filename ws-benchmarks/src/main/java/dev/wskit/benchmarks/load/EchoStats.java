package dev.wskit.benchmarks.load;

import org.HdrHistogram.Histogram;

/**
 * One worker thread's counts: every echo verified, and, while measuring, messages, payload bytes
 * and latencies. Written by its worker only; read after the worker has ended.
 */
final class EchoStats {
    /** Latencies up to a minute at three significant digits; longer would void the run anyway. */
    private static final long HIGHEST_NANOS = 60_000_000_000L;

    final Histogram latencies = new Histogram(HIGHEST_NANOS, 3);
    long verified;
    long messages;
    long payloadBytes;
    boolean measuring;

    void echo(int payloadLength, long latencyNanos) {
        verified++;
        if (measuring) {
            messages++;
            payloadBytes += payloadLength;
            latencies.recordValue(Math.min(latencyNanos, HIGHEST_NANOS));
        }
    }

    void add(EchoStats other) {
        verified += other.verified;
        messages += other.messages;
        payloadBytes += other.payloadBytes;
        latencies.add(other.latencies);
    }
}
