package dev.wskit.transport.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire trace's file format: what is written reads back, bounds hold, and broken files are named. */
class TraceFormatTest {

    @Test
    void recordsReadBackWithTheirKindTimeAndFieldsInOrder() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (TraceWriter writer = new TraceWriter(file, 1 << 20, Map.of("role", "server"))) {
            writer.write(TraceKind.START, 0, fields -> { });
            writer.write(TraceKind.IN, 1_500_000, fields -> fields.bytes(ByteBuffer.wrap(new byte[] {1, 2, 3})));
            writer.write(TraceKind.EVENT, 0, fields -> fields.text("onText 2 B \"hé\""));
            writer.write(TraceKind.UNWRITTEN, 0, fields -> fields.number(300).flag(true).nullableText(null));
        }
        Trace trace = Trace.parse(file.toByteArray());

        assertThat(trace.header()).containsExactly(Map.entry("role", "server"));
        assertThat(trace.cut()).isFalse();
        assertThat(trace.records()).extracting(TraceRecord::kind)
                .containsExactly(TraceKind.START, TraceKind.IN, TraceKind.EVENT, TraceKind.UNWRITTEN);
        assertThat(trace.records().get(1).time()).isEqualTo(1_500_000);
        assertThat(trace.records().get(1).fields().bytes()).containsExactly(1, 2, 3);
        assertThat(trace.records().get(2).fields().text()).isEqualTo("onText 2 B \"hé\"");
        TraceRecord.Fields unwritten = trace.records().get(3).fields();
        assertThat(unwritten.number()).isEqualTo(300);
        assertThat(unwritten.flag()).isTrue();
        assertThat(unwritten.nullableText()).isNull();
        assertThat(trace.isComplete()).as("no END record").isFalse();
    }

    @Test
    void theRecordThatWouldPassTheBoundBecomesTheTruncatedMarkAndNothingFollows() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        TraceWriter writer = new TraceWriter(file, 4096, Map.of());
        writer.write(TraceKind.IN, 10, fields -> fields.bytes(new byte[1000]));
        writer.write(TraceKind.IN, 20, fields -> fields.bytes(new byte[5000]));
        writer.write(TraceKind.IN, 30, fields -> fields.bytes(new byte[10]));

        assertThat(writer.isOpen()).isFalse();
        assertThat(file.size()).isLessThanOrEqualTo(4096);
        Trace trace = Trace.parse(file.toByteArray());
        assertThat(trace.records()).extracting(TraceRecord::kind).containsExactly(TraceKind.IN, TraceKind.TRUNCATED);
        assertThat(trace.records().get(1).time()).isEqualTo(20);
        assertThat(trace.isComplete()).isTrue();
    }

    @Test
    void aFileEndingInsideARecordKeepsTheRecordsBeforeAndSaysItIsCut() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (TraceWriter writer = new TraceWriter(file, 1 << 20, Map.of())) {
            writer.write(TraceKind.START, 0, fields -> { });
            writer.write(TraceKind.IN, 5, fields -> fields.bytes(new byte[100]));
        }
        byte[] whole = file.toByteArray();
        Trace trace = Trace.parse(Arrays.copyOf(whole, whole.length - 1));

        assertThat(trace.cut()).isTrue();
        assertThat(trace.records()).extracting(TraceRecord::kind).containsExactly(TraceKind.START);
    }

    @Test
    void whatIsNotATraceIsRefusedByName() {
        assertThatThrownBy(() -> Trace.parse("GET / HTTP/1.1\r\n\r\n".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a wskit wire trace");
        byte[] headerCut = Arrays.copyOf(TraceCodec.MAGIC, TraceCodec.MAGIC.length + 1);
        headerCut[TraceCodec.MAGIC.length] = 2;
        assertThatThrownBy(() -> Trace.parse(headerCut))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header");
    }

    @Test
    void aFailedWriteEndsTheTraceQuietly() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        TraceWriter writer = new TraceWriter(failing, 1 << 20, Map.of("role", "server"));

        assertThat(writer.isOpen()).isFalse();
        writer.write(TraceKind.START, 0, fields -> { });
        assertThat(writer.isOpen()).isFalse();
    }

    @Test
    void theConfigurationRoundTripsThroughTheHeader() {
        WebSocketConfig config = WebSocketConfig.builder()
                .maxFramePayload(70_000).maxMessageSize(200_000).maxFragmentsPerMessage(7)
                .maxOutboundBytes(1 << 22).outboundWaterMarks(1000, 2000).maxOutgoingFrameSize(4096)
                .autoPong(false).subprotocols("a.v1", "b.v2")
                .handshakeTimeout(Duration.ofMillis(1234)).closeTimeout(Duration.ofSeconds(3))
                .idleTimeout(Duration.ofMillis(500)).messageTimeout(Duration.ZERO)
                .perMessageDeflate(PerMessageDeflateConfig.builder().compressionLevel(3).threshold(64)
                        .serverNoContextTakeover(true).build())
                .build();

        Map<String, String> header = TracedConfig.describe(config);
        WebSocketConfig rebuilt = TracedConfig.rebuild(header);

        assertThat(TracedConfig.describe(rebuilt)).isEqualTo(header);
        assertThat(rebuilt.subprotocols()).containsExactly("a.v1", "b.v2");
        assertThat(rebuilt.perMessageDeflate().serverNoContextTakeover()).isTrue();
        assertThat(TracedConfig.hadHttpHandler(header)).isFalse();
    }
}
