package dev.wskit.benchmarks.codec;

import dev.wskit.benchmarks.codec.CodecFixtures.PayloadType;
import dev.wskit.benchmarks.report.Baseline;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Server-side decoding of masked client frames: wskit's engine against Netty's
 * {@code WebSocket08FrameDecoder} + {@code Utf8FrameValidator}, one single-frame message per
 * operation ({@link CodecFixtures#FRAMES_PER_OP} of them arrive in one read).
 *
 * <p>wskit unmasks in place, so every invocation first copies the pristine masked bytes into the
 * read buffer. Netty would not need it (it copies each payload out before unmasking), but it
 * pays the same copy so the two scores differ by decoding alone; the {@code arraycopy} row of
 * {@link MaskingBenchmark} gives that copy's size (about 16 × its score per invocation). Netty's
 * input is one heap {@code ByteBuf} over the read array, retained before each read because the
 * decoder releases what it consumed: no allocation on either side is the harness's.
 *
 * <p>{@code wskitFrames} runs the same bytes through wskit's frame decoder and UTF-8 check alone
 * ({@link WskitFrameDecoder}): the streaming decode path, which allocates nothing per frame,
 * apart from the engine's delivery of each message to a handler.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dio.netty.leakDetection.level=disabled"})
public class DecodeBenchmark {
    @Param({"16", "1024", "65536"})
    int size;

    @Param({"TEXT", "BINARY"})
    PayloadType type;

    private byte[] pristine;

    private byte[] wskitRead;
    private ByteBuffer wskitIn;
    private WskitServerDecoder wskit;
    private WskitFrameDecoder wskitFrames;

    private byte[] nettyRead;
    private ByteBuf nettyIn;
    private NettyServerDecoder netty;

    @Setup
    public void setUp(Blackhole blackhole) {
        setUp((text, payload) -> blackhole.consume(payload),
                (text, in, from, to) -> {
                    blackhole.consume(in);
                    blackhole.consume(from);
                    blackhole.consume(to);
                },
                (text, payload) -> blackhole.consume(payload));
    }

    /** With the sinks the tests read; the benchmarks' own go to the {@code Blackhole}. */
    void setUp(FrameSink<ByteBuffer> wskitSink, WskitFrameDecoder.PayloadSink wskitFramesSink, FrameSink<ByteBuf> nettySink) {
        pristine = CodecFixtures.maskedClientFrames(type, CodecFixtures.payload(type, size), CodecFixtures.FRAMES_PER_OP);
        wskitRead = pristine.clone();
        wskitIn = ByteBuffer.wrap(wskitRead);
        wskit = new WskitServerDecoder(wskitSink);
        wskitFrames = new WskitFrameDecoder(wskitFramesSink);
        nettyRead = pristine.clone();
        nettyIn = Unpooled.wrappedBuffer(nettyRead);
        netty = new NettyServerDecoder(nettySink);
    }

    @TearDown
    public void tearDown() {
        netty.close();
        nettyIn.release();
    }

    @Benchmark
    @OperationsPerInvocation(CodecFixtures.FRAMES_PER_OP)
    public void wskit() {
        System.arraycopy(pristine, 0, wskitRead, 0, pristine.length);
        wskitIn.clear();
        wskit.decode(wskitIn);
    }

    /** The same read through the frame decoder and UTF-8 check only: no engine, no handler. */
    @Benchmark
    @OperationsPerInvocation(CodecFixtures.FRAMES_PER_OP)
    public void wskitFrames() {
        System.arraycopy(pristine, 0, wskitRead, 0, pristine.length);
        wskitIn.clear();
        wskitFrames.decode(wskitIn);
    }

    @Benchmark
    @Baseline
    @OperationsPerInvocation(CodecFixtures.FRAMES_PER_OP)
    public void netty() {
        System.arraycopy(pristine, 0, nettyRead, 0, pristine.length);
        nettyIn.retain().setIndex(0, pristine.length);
        netty.decode(nettyIn);
        if (nettyIn.refCnt() != 1) {
            throw new IllegalStateException("Netty kept part of the read: " + nettyIn);
        }
    }
}
