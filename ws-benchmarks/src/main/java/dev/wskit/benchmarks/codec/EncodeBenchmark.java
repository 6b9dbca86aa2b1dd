package dev.wskit.benchmarks.codec;

import dev.wskit.benchmarks.codec.CodecFixtures.PayloadType;
import dev.wskit.benchmarks.report.Baseline;
import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.engine.WebSocketEngine;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Server-side encoding of one unmasked binary frame per operation, from a payload the
 * application already holds to the buffers a transport writes.
 *
 * <ul>
 *   <li>{@code wskitSendBinary}: {@code sendBinary} on the engine's socket then
 *       {@link WebSocketEngine#pollOutbound}: the caller keeps its buffer, so the engine
 *       copies the payload into a fresh heap buffer after the header.
 *   <li>{@code wskitTransferBinary}: {@code transferBinary} on the engine's socket then
 *       {@code pollOutbound}: the payload is handed over, so from 1 KiB on it is written where
 *       it lies, after a header of its own (below that it is copied, as that is cheaper).
 *   <li>{@code nettyPooled}: {@code WebSocket08FrameEncoder} on {@link ByteBufAllocator#DEFAULT}
 *       (Netty 4.2: the adaptive pooled allocator, direct buffers), what a Netty server uses.
 *   <li>{@code nettyUnpooledHeap}: the same on unpooled heap buffers, which is how wskit allocates.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dio.netty.leakDetection.level=disabled"})
public class EncodeBenchmark {
    @Param({"16", "1024", "65536"})
    int size;

    private ByteBuffer payload;
    private WebSocketEngine wskit;

    private FrameSink<ByteBuffer> wskitSink;
    private FrameSink<ByteBuf> nettySink;
    private ByteBuf nettyPayload;
    private NettyServerEncoder nettyPooled;
    private NettyServerEncoder nettyUnpooledHeap;

    @Setup
    public void setUp(Blackhole blackhole) {
        setUp((text, frame) -> blackhole.consume(frame), (text, frame) -> blackhole.consume(frame));
    }

    /** With the sinks the tests read; each gets every buffer to write, in order. */
    void setUp(FrameSink<ByteBuffer> wskitSink, FrameSink<ByteBuf> nettySink) {
        this.wskitSink = wskitSink;
        this.nettySink = nettySink;
        byte[] bytes = CodecFixtures.payload(PayloadType.BINARY, size);
        payload = ByteBuffer.wrap(bytes);
        wskit = WebSocketEngine.server(WebSocketConfig.defaults(), new WebSocketHandler() { }, System::nanoTime);
        wskit.receive(ByteBuffer.wrap(CodecFixtures.OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII)));
        wskit.pollOutbound(); // the 101 response
        if (wskit.socket().state() != ConnectionState.OPEN) {
            throw new IllegalStateException("wskit did not open", wskit.failure());
        }
        nettyPayload = Unpooled.wrappedBuffer(bytes);
        nettyPooled = new NettyServerEncoder(ByteBufAllocator.DEFAULT);
        nettyUnpooledHeap = new NettyServerEncoder(new UnpooledByteBufAllocator(false));
    }

    @TearDown
    public void tearDown() {
        nettyPooled.close();
        nettyUnpooledHeap.close();
    }

    @Benchmark
    public void wskitSendBinary() {
        wskit.socket().sendBinary(payload);
        for (ByteBuffer frame; (frame = wskit.pollOutbound()) != null; ) {
            wskitSink.frame(false, frame);
        }
    }

    @Benchmark
    public void wskitTransferBinary() {
        // Handed over, the buffer itself is queued and read by the sink; its bytes are not changed
        // (a server does not mask), so rewinding it makes it the next call's payload.
        wskit.socket().transferBinary(payload.clear());
        for (ByteBuffer frame; (frame = wskit.pollOutbound()) != null; ) {
            wskitSink.frame(false, frame);
        }
    }

    @Benchmark
    @Baseline
    public void nettyPooled() {
        nettyPayload.readerIndex(0);
        nettyPooled.encodeBinary(nettyPayload, nettySink);
    }

    @Benchmark
    @Baseline
    public void nettyUnpooledHeap() {
        nettyPayload.readerIndex(0);
        nettyUnpooledHeap.encodeBinary(nettyPayload, nettySink);
    }
}
