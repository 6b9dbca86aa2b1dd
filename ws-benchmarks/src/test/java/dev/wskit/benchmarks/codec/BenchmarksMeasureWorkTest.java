package dev.wskit.benchmarks.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.benchmarks.codec.CodecFixtures.PayloadType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

/**
 * Each benchmark method, run as the benchmark runs it, does the work it claims: both decoders
 * deliver the same payloads, every encoder writes the same frame, every masking variant the same
 * bytes. Invocations are repeated, so a fixture that is not reset between them fails here too.
 * Cases come from the benchmarks' own {@code @Param} lists, so a new size is checked at once.
 */
class BenchmarksMeasureWorkTest {
    private static final int INVOCATIONS = 3;

    static Stream<Arguments> decodeCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String type : params(DecodeBenchmark.class, "type")) {
            for (String size : params(DecodeBenchmark.class, "size")) {
                cases.add(Arguments.of(PayloadType.valueOf(type), Integer.parseInt(size)));
            }
        }
        return cases.stream();
    }

    static Stream<Integer> encodeSizes() {
        return params(EncodeBenchmark.class, "size").stream().map(Integer::valueOf);
    }

    static Stream<Integer> maskingSizes() {
        return params(MaskingBenchmark.class, "size").stream().map(Integer::valueOf);
    }

    @ParameterizedTest
    @MethodSource("decodeCases")
    void wskitAndNettyDecodeTheSameFrames(PayloadType type, int size) {
        byte[] payload = CodecFixtures.payload(type, size);
        List<Recorded.Frame> expected = Collections.nCopies(CodecFixtures.FRAMES_PER_OP,
                Recorded.Frame.of(type == PayloadType.TEXT, payload));
        DecodeBenchmark benchmark = new DecodeBenchmark();
        benchmark.size = size;
        benchmark.type = type;
        Recorded wskit = new Recorded();
        Recorded wskitFrames = new Recorded();
        Recorded netty = new Recorded();
        benchmark.setUp(wskit.wskit(), wskitFrames.wskitFrames(), netty.netty());
        try {
            for (int i = 0; i < INVOCATIONS; i++) {
                benchmark.wskit();
                benchmark.wskitFrames();
                benchmark.netty();
                assertThat(wskit.takeFrames()).as("wskit, invocation %d", i).isEqualTo(expected);
                assertThat(wskitFrames.takeFrames()).as("wskit frames, invocation %d", i).isEqualTo(expected);
                assertThat(netty.takeFrames()).as("Netty, invocation %d", i).isEqualTo(expected);
            }
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @MethodSource("encodeSizes")
    void everyEncoderWritesTheSameServerFrame(int size) {
        byte[] expected = unmaskedBinaryFrame(CodecFixtures.payload(PayloadType.BINARY, size));
        EncodeBenchmark benchmark = new EncodeBenchmark();
        benchmark.size = size;
        Recorded wskit = new Recorded();
        Recorded netty = new Recorded();
        benchmark.setUp(wskit.wskit(), netty.netty());
        try {
            for (int i = 0; i < INVOCATIONS; i++) {
                benchmark.wskitSendBinary();
                assertThat(wskit.takeBytes()).as("wskitSendBinary").isEqualTo(expected);
                benchmark.wskitTransferBinary();
                assertThat(wskit.takeBytes()).as("wskitTransferBinary").isEqualTo(expected);
                benchmark.nettyPooled();
                assertThat(netty.takeBytes()).as("nettyPooled").isEqualTo(expected);
                benchmark.nettyUnpooledHeap();
                assertThat(netty.takeBytes()).as("nettyUnpooledHeap").isEqualTo(expected);
            }
        } finally {
            benchmark.tearDown();
        }
    }

    @ParameterizedTest
    @MethodSource("maskingSizes")
    void everyMaskingVariantWritesTheSameBytes(int size) {
        MaskingBenchmark benchmark = new MaskingBenchmark();
        benchmark.size = size;
        benchmark.setUp();
        byte[] original = benchmark.loopBytes().clone();
        byte[] masked = original.clone();
        byte[] key = {0x37, (byte) 0xfa, 0x21, 0x3d}; // RFC 6455 §5.7
        for (int i = 0; i < masked.length; i++) {
            masked[i] ^= key[i % 4];
        }

        benchmark.wskitHeap();
        benchmark.wskitDirect();
        benchmark.byteLoop();
        benchmark.arraycopy();

        byte[] direct = new byte[size];
        benchmark.direct().duplicate().clear().get(direct);
        assertThat(benchmark.heapBytes()).as("wskitHeap").isEqualTo(masked);
        assertThat(direct).as("wskitDirect").isEqualTo(masked);
        assertThat(benchmark.loopBytes()).as("byteLoop").isEqualTo(masked);
        assertThat(benchmark.copyTarget()).as("arraycopy").isEqualTo(original);
        assertThat(masked).as("masking changed something").isNotEqualTo(original);
    }

    @Test
    void textFixturesAreValidUtf8OfTheExactSize() throws Exception {
        for (String size : params(DecodeBenchmark.class, "size")) {
            byte[] text = CodecFixtures.payload(PayloadType.TEXT, Integer.parseInt(size));
            assertThat(text).hasSize(Integer.parseInt(size));
            assertThat(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(text)).toString())
                    .as("strict decode of %s bytes", size).isNotEmpty();
            assertThat(new String(text, StandardCharsets.UTF_8).codePoints().anyMatch(c -> c > 0x7F))
                    .as("the text is not all ASCII").isTrue();
        }
    }

    /** RFC 6455 §5.2, written out by hand rather than by either encoder under test. */
    private static byte[] unmaskedBinaryFrame(byte[] payload) {
        int n = payload.length;
        byte[] header;
        if (n <= 125) {
            header = new byte[] {(byte) 0x82, (byte) n};
        } else if (n <= 0xFFFF) {
            header = new byte[] {(byte) 0x82, 126, (byte) (n >>> 8), (byte) n};
        } else {
            header = new byte[] {(byte) 0x82, 127, 0, 0, 0, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        }
        byte[] frame = Arrays.copyOf(header, header.length + n);
        System.arraycopy(payload, 0, frame, header.length, n);
        return frame;
    }

    private static List<String> params(Class<?> benchmark, String field) {
        try {
            return List.of(benchmark.getDeclaredField(field).getAnnotation(Param.class).value());
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
