package dev.wskit.protocol.frame;

import static dev.wskit.protocol.Rfc6455Examples.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.Rfc6455Examples;
import dev.wskit.protocol.Role;
import dev.wskit.protocol.WebSocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The frame encoder and decoder against the RFC's bytes and at every length boundary (RFC 6455 §5.2, §5.7). */
class FrameCodecTest {

    /** A random source whose next int is the §5.7 masking key. */
    private static Random yieldingHelloKey() {
        return new Random() {
            @Override
            public int nextInt() {
                return Rfc6455Examples.HELLO_MASKING_KEY;
            }
        };
    }

    @Test
    void serverEncodesTheRfcUnmaskedHello() {
        ByteBuffer frame = new FrameEncoder(Role.SERVER, new Random()).encode(true, 0, Opcode.TEXT, utf8("Hello"));
        assertThat(toArray(frame)).isEqualTo(Rfc6455Examples.unmaskedHello());
    }

    @Test
    void clientEncodesTheRfcMaskedHelloWithoutTouchingTheCallersBuffer() {
        ByteBuffer payload = utf8("Hello");
        ByteBuffer frame = new FrameEncoder(Role.CLIENT, yieldingHelloKey()).encode(true, 0, Opcode.TEXT, payload);
        assertThat(toArray(frame)).isEqualTo(Rfc6455Examples.maskedHello());
        assertThat(payload).isEqualTo(utf8("Hello"));
        assertThat(payload.position()).isZero();
    }

    @Test
    void clientEncodesTheRfcMaskedPong() {
        ByteBuffer frame = new FrameEncoder(Role.CLIENT, yieldingHelloKey()).encode(true, 0, Opcode.PONG, utf8("Hello"));
        assertThat(toArray(frame)).isEqualTo(Rfc6455Examples.maskedPongHello());
    }

    @Test
    void serverEncodesTheRfcBinaryHeaders() {
        FrameEncoder encoder = new FrameEncoder(Role.SERVER, new Random());
        assertThat(Arrays.copyOf(toArray(encoder.encode(true, 0, Opcode.BINARY, ByteBuffer.allocate(256))), 4))
                .isEqualTo(Rfc6455Examples.binary256Header());
        assertThat(Arrays.copyOf(toArray(encoder.encode(true, 0, Opcode.BINARY, ByteBuffer.allocate(65536))), 10))
                .isEqualTo(Rfc6455Examples.binary65536Header());
    }

    @Test
    void clientDecodesTheRfcFragmentsAndPing() {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT, 1 << 20);
        ByteBuffer in = ByteBuffer.wrap(Rfc6455Examples.concat(
                Rfc6455Examples.fragmentHel(), Rfc6455Examples.unmaskedPingHello(), Rfc6455Examples.fragmentLo()));
        assertThat(decoder.next(in)).isEqualTo(FrameDecoder.Step.HEADER);
        assertThat(decoder.fin()).isFalse();
        assertThat(decoder.opcode()).isEqualTo(Opcode.TEXT);
        assertThat(payloadOf(decoder, in)).isEqualTo("Hel");
        assertThat(decoder.next(in)).isEqualTo(FrameDecoder.Step.HEADER);
        assertThat(decoder.opcode()).isEqualTo(Opcode.PING);
        assertThat(payloadOf(decoder, in)).isEqualTo("Hello");
        assertThat(decoder.next(in)).isEqualTo(FrameDecoder.Step.HEADER);
        assertThat(decoder.fin()).isTrue();
        assertThat(decoder.opcode()).isEqualTo(Opcode.CONTINUATION);
        assertThat(payloadOf(decoder, in)).isEqualTo("lo");
        assertThat(decoder.next(in)).isEqualTo(FrameDecoder.Step.NEED_MORE);
    }

    @Test
    void serverDecodesAndUnmasksTheRfcMaskedHelloInPlace() {
        FrameDecoder decoder = new FrameDecoder(Role.SERVER, 1 << 20);
        ByteBuffer in = ByteBuffer.wrap(Rfc6455Examples.maskedHello());
        assertThat(decoder.next(in)).isEqualTo(FrameDecoder.Step.HEADER);
        assertThat(decoder.masked()).isTrue();
        assertThat(decoder.maskingKey()).isEqualTo(Rfc6455Examples.HELLO_MASKING_KEY);
        assertThat(payloadOf(decoder, in)).isEqualTo("Hello");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void roundTripsEveryLengthBoundary(Role sender) {
        Role receiver = sender == Role.SERVER ? Role.CLIENT : Role.SERVER;
        FrameEncoder encoder = new FrameEncoder(sender, new Random(3));
        for (int length : new int[] {0, 1, 124, 125, 126, 127, 128, 65534, 65535, 65536, 65537}) {
            byte[] payload = new byte[length];
            new Random(length).nextBytes(payload);
            ByteBuffer frame = encoder.encode(true, 0, Opcode.BINARY, ByteBuffer.wrap(payload));
            assertThat(frame.remaining()).isEqualTo(FrameHeader.headerLength(length, sender == Role.CLIENT) + length);

            FrameDecoder decoder = new FrameDecoder(receiver, 1 << 20);
            assertThat(decoder.next(frame)).isEqualTo(FrameDecoder.Step.HEADER);
            assertThat(decoder.payloadLength()).isEqualTo(length);
            assertThat(decoder.masked()).isEqualTo(sender == Role.CLIENT);
            ByteBuffer decoded = ByteBuffer.allocate(length);
            FrameDecoder.Step step;
            while ((step = decoder.next(frame)) == FrameDecoder.Step.PAYLOAD) {
                decoded.put(frame.duplicate().position(decoder.chunkStart()).limit(decoder.chunkEnd()));
            }
            assertThat(step).isEqualTo(FrameDecoder.Step.FRAME_END);
            assertThat(decoded.array()).isEqualTo(payload);
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void refusesFramesMaskedTheWrongWay(Role receiver) {
        Role sender = receiver;
        ByteBuffer frame = new FrameEncoder(sender, new Random(1)).encode(true, 0, Opcode.TEXT, utf8("x"));
        ProtocolViolation expected = receiver == Role.SERVER
                ? ProtocolViolation.UNMASKED_CLIENT_FRAME : ProtocolViolation.MASKED_SERVER_FRAME;
        assertThatThrownBy(() -> new FrameDecoder(receiver, 100).next(frame))
                .isInstanceOfSatisfying(WebSocketException.class, e -> {
                    assertThat(e.violation()).isEqualTo(expected);
                    assertThat(e.closeCode()).isEqualTo(1002);
                });
    }

    @Test
    void failsOnTheSecondByteWithoutWaitingForTheRest() {
        FrameDecoder decoder = new FrameDecoder(Role.SERVER, 100);
        assertThat(decoder.next(ByteBuffer.wrap(bytes(0x89)))).isEqualTo(FrameDecoder.Step.NEED_MORE);
        assertThatThrownBy(() -> decoder.next(ByteBuffer.wrap(bytes(0xfe))))
                .isInstanceOfSatisfying(WebSocketException.class,
                        e -> assertThat(e.violation()).isEqualTo(ProtocolViolation.CONTROL_FRAME_TOO_LONG));
    }

    @Test
    void allowsRsv1OnlyOnceAnExtensionOwnsIt() {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT, 100);
        decoder.allowReservedBits(FrameHeader.B0_RSV1);
        assertThat(decoder.next(ByteBuffer.wrap(bytes(0xc1, 0x00)))).isEqualTo(FrameDecoder.Step.HEADER);
        assertThat(decoder.rsvBits()).isEqualTo(FrameHeader.B0_RSV1);
        assertThatThrownBy(() -> new FrameDecoder(Role.CLIENT, 100).next(ByteBuffer.wrap(bytes(0xc1, 0x00))))
                .isInstanceOf(WebSocketException.class);
    }

    private static String payloadOf(FrameDecoder decoder, ByteBuffer in) {
        StringBuilder out = new StringBuilder();
        FrameDecoder.Step step;
        while ((step = decoder.next(in)) == FrameDecoder.Step.PAYLOAD) {
            out.append(StandardCharsets.UTF_8.decode(in.duplicate().position(decoder.chunkStart()).limit(decoder.chunkEnd())));
        }
        assertThat(step).isEqualTo(FrameDecoder.Step.FRAME_END);
        return out.toString();
    }

    private static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
