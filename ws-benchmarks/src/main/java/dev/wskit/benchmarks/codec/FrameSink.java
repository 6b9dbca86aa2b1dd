package dev.wskit.benchmarks.codec;

/**
 * Where a decoder under test puts each data frame: a {@code Blackhole} in the benchmarks, a list
 * in the tests that check both decoders agree. {@code payload} is valid only during the call.
 *
 * @param <B> the decoder's buffer type
 */
@FunctionalInterface
public interface FrameSink<B> {
    void frame(boolean text, B payload);
}
