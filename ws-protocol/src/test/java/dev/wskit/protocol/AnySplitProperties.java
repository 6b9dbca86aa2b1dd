package dev.wskit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.frame.FrameEncoder;
import dev.wskit.protocol.frame.Opcode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * docs/ARCHITECTURE.md, "any split": messages encoded by a client and cut anywhere, down to single bytes,
 * reach a server as the same events, whatever the cut.
 */
class AnySplitProperties {
    /** Messages of up to 70,000 bytes come in fragments down to one byte: one frame per byte at most. */
    private static final WebSocketConfig CONFIG = WebSocketConfig.builder().maxFragmentsPerMessage(70_000).build();

    record Message(boolean text, byte[] payload, int fragmentSize) {
        /** A pong between each two fragments, then the whole message. */
        List<String> expectedEvents() {
            List<String> events = new ArrayList<>();
            int fragments = Math.max(1, (payload.length + fragmentSize - 1) / fragmentSize);
            for (int i = 1; i < fragments; i++) {
                events.add("pong:");
            }
            events.add(text ? "text:" + new String(payload, StandardCharsets.UTF_8)
                    : "binary:" + RecordingHandler.hex(ByteBuffer.wrap(payload)));
            return events;
        }
    }

    @Provide
    Arbitrary<Message> message() {
        Arbitrary<String> text = Arbitraries.strings()
                .withCharRange('\u0000', '\u00ff').withCharRange('\u0100', '\ud7ff').withCharRange('\ue000', '\ufffd')
                .ofMaxLength(200)
                .map(s -> s.length() % 5 == 0 ? s + "\uD834\uDD1E" : s);
        Arbitrary<byte[]> textBytes = text.map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(70_000);
        Arbitrary<Integer> fragmentSize = Arbitraries.integers().between(1, 70_000);
        return Arbitraries.oneOf(
                Combinators.combine(textBytes, fragmentSize).as((p, f) -> new Message(true, p, f)),
                Combinators.combine(binary, fragmentSize).as((p, f) -> new Message(false, p, f)));
    }

    @Property(tries = 200)
    void messagesCutAnywhereDecodeToTheSameEvents(
            @ForAll("messageList") List<Message> messages, @ForAll("cuts") List<Integer> cuts) {
        byte[] wire = encode(messages, new Random(7));
        ServerUnderTest server = new ServerUnderTest(CONFIG);
        int at = 0;
        for (int cut : cuts) {
            int end = Math.min(wire.length, at + cut);
            server.connection.receive(ByteBuffer.wrap(wire, at, end - at));
            at = end;
        }
        server.connection.receive(ByteBuffer.wrap(wire, at, wire.length - at));
        List<String> expected = new ArrayList<>();
        messages.forEach(m -> expected.addAll(m.expectedEvents()));
        assertThat(server.events.take()).containsExactlyElementsOf(expected);
        assertThat(server.written()).isEmpty();
    }

    @Property(tries = 30)
    void messagesFedByteByByteDecodeToTheSameEvents(@ForAll("shortMessageList") List<Message> messages) {
        byte[] wire = encode(messages, new Random(11));
        ServerUnderTest server = new ServerUnderTest(CONFIG).receiveByteByByte(wire);
        List<String> expected = new ArrayList<>();
        messages.forEach(m -> expected.addAll(m.expectedEvents()));
        assertThat(server.events.take()).containsExactlyElementsOf(expected);
    }

    @Provide
    Arbitrary<List<Message>> messageList() {
        return message().list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Message>> shortMessageList() {
        return message().filter(m -> m.payload().length < 400).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 5000).list().ofMaxSize(40);
    }

    /** Encodes as a client would: masked, fragmented at each message's own size, with a ping between fragments. */
    private static byte[] encode(List<Message> messages, Random masks) {
        FrameEncoder encoder = new FrameEncoder(Role.CLIENT, masks);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Message m : messages) {
            int opcode = m.text() ? Opcode.TEXT : Opcode.BINARY;
            int at = 0;
            do {
                int end = Math.min(m.payload().length, at + m.fragmentSize());
                boolean fin = end == m.payload().length;
                write(out, encoder.encode(fin, 0, at == 0 ? opcode : Opcode.CONTINUATION, ByteBuffer.wrap(m.payload(), at, end - at)));
                if (!fin) {
                    // Control frames may come between fragments (RFC 6455 §5.4); the server answers.
                    write(out, encoder.encode(true, 0, Opcode.PONG, ByteBuffer.allocate(0)));
                }
                at = end;
            } while (at < m.payload().length);
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        out.writeBytes(bytes);
    }
}
