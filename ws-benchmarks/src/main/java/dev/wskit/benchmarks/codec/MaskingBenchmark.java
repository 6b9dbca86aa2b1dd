package dev.wskit.benchmarks.codec;

import dev.wskit.benchmarks.report.Baseline;
import dev.wskit.protocol.frame.Masking;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * RFC 6455 §5.3 unmasking in place of one payload, against a plain byte loop (what a first
 * implementation writes) and {@link System#arraycopy} of the same length: one read and one write
 * per byte with no arithmetic, the ceiling any in-memory pass over the payload can reach.
 * The payload toggles between masked and unmasked; the cost is the same either way.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MaskingBenchmark {
    /** RFC 6455 §5.7: the masking key of the sample masked "Hello". */
    static final int MASKING_KEY = 0x37fa213d;

    @Param({"16", "1024", "65536"})
    int size;

    private byte[] heapBytes;
    private ByteBuffer heap;
    private ByteBuffer direct;
    private byte[] loopBytes;
    private final byte[] keyOctets = {0x37, (byte) 0xfa, 0x21, 0x3d};
    private byte[] copySource;
    private byte[] copyTarget;

    @Setup
    public void setUp() {
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        heapBytes = payload.clone();
        heap = ByteBuffer.wrap(heapBytes);
        direct = ByteBuffer.allocateDirect(size).put(payload).clear();
        loopBytes = payload.clone();
        copySource = payload.clone();
        copyTarget = new byte[size];
    }

    @Benchmark
    public void wskitHeap() {
        Masking.maskInPlace(heap, 0, size, MASKING_KEY, 0);
    }

    /** Where a Netty transport's reads land: {@code nioBuffer()} views of direct buffers. */
    @Benchmark
    public void wskitDirect() {
        Masking.maskInPlace(direct, 0, size, MASKING_KEY, 0);
    }

    @Benchmark
    @Baseline
    public void byteLoop() {
        byte[] bytes = loopBytes;
        byte[] key = keyOctets;
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] ^= key[i & 3];
        }
    }

    @Benchmark
    @Baseline
    public void arraycopy() {
        System.arraycopy(copySource, 0, copyTarget, 0, size);
    }

    // For the tests: the state each benchmark leaves behind.
    byte[] heapBytes() {
        return heapBytes;
    }

    ByteBuffer direct() {
        return direct;
    }

    byte[] loopBytes() {
        return loopBytes;
    }

    byte[] copyTarget() {
        return copyTarget;
    }
}
