package dev.wskit.protocol;

import static dev.wskit.protocol.Rfc6455Examples.bytes;
import static dev.wskit.protocol.Rfc6455Examples.concat;
import static dev.wskit.protocol.ServerUnderTest.hex;
import static dev.wskit.protocol.Wire.closePayload;
import static dev.wskit.protocol.Wire.masked;
import static dev.wskit.protocol.Wire.unmasked;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every frame-level rule a client can break, with the exact close frame the server answers.
 * Rows that mirror an Autobahn case carry its ID. Each row is fed whole and byte by byte.
 */
class ServerViolationTest {
    private static final WebSocketConfig SMALL_LIMITS = WebSocketConfig.builder().maxFramePayload(1000).maxMessageSize(1500)
            .maxFragmentsPerMessage(4).build();

    static Stream<Arguments> violations() {
        return Stream.of(
                row("unmasked client frame", unmasked(0x81, "Hello"), ProtocolViolation.UNMASKED_CLIENT_FRAME),
                row("3.1 RSV1 set", masked(0xc1, "Hello"), ProtocolViolation.RESERVED_BITS_SET),
                row("3.2 RSV2 set", masked(0xa1, "Hello"), ProtocolViolation.RESERVED_BITS_SET),
                row("3.3 RSV3 set", masked(0x91, "Hello"), ProtocolViolation.RESERVED_BITS_SET),
                row("3.7 RSV on a close", masked(0xf8, new byte[0]), ProtocolViolation.RESERVED_BITS_SET),
                row("4.1.1 reserved data opcode 3", masked(0x83, new byte[0]), ProtocolViolation.RESERVED_OPCODE),
                row("4.1.5 reserved data opcode 7", masked(0x87, "x"), ProtocolViolation.RESERVED_OPCODE),
                row("4.2.1 reserved control opcode B", masked(0x8b, new byte[0]), ProtocolViolation.RESERVED_OPCODE),
                row("4.2.5 reserved control opcode F", masked(0x8f, "x"), ProtocolViolation.RESERVED_OPCODE),
                row("5.1 fragmented ping", masked(0x09, "p"), ProtocolViolation.FRAGMENTED_CONTROL_FRAME),
                row("5.2 fragmented pong", masked(0x0a, "p"), ProtocolViolation.FRAGMENTED_CONTROL_FRAME),
                row("2.5 ping of 126 bytes", masked(0x89, new byte[126]), ProtocolViolation.CONTROL_FRAME_TOO_LONG),
                row("close of 126 bytes", masked(0x88, new byte[126]), ProtocolViolation.CONTROL_FRAME_TOO_LONG),
                row("5.9 continuation with no message", masked(0x80, "x"), ProtocolViolation.CONTINUATION_WITHOUT_START),
                row("5.10 continuation with no message, not final", masked(0x00, "x"), ProtocolViolation.CONTINUATION_WITHOUT_START),
                row("5.18 text inside a fragmented text", concat(masked(0x01, "a"), masked(0x81, "b")), ProtocolViolation.DATA_FRAME_INSIDE_MESSAGE),
                row("binary inside a fragmented text", concat(masked(0x01, "a"), masked(0x02, "b")), ProtocolViolation.DATA_FRAME_INSIDE_MESSAGE),
                row("64-bit length with the top bit set", bytes(0x82, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4), ProtocolViolation.PAYLOAD_LENGTH_TOP_BIT_SET),
                row("16-bit length holding 5", bytes(0x82, 0xfe, 0, 5, 1, 2, 3, 4), ProtocolViolation.NON_MINIMAL_LENGTH),
                row("64-bit length holding 126", bytes(0x82, 0xff, 0, 0, 0, 0, 0, 0, 0, 126, 1, 2, 3, 4), ProtocolViolation.NON_MINIMAL_LENGTH),
                row("frame above the limit", masked(0x82, new byte[1001]), ProtocolViolation.FRAME_TOO_BIG),
                row("message above the limit", concat(masked(0x02, new byte[1000]), masked(0x80, new byte[501])), ProtocolViolation.MESSAGE_TOO_BIG),
                row("message in more frames than the limit", concat(masked(0x02, "a"), masked(0x00, new byte[0]),
                        masked(0x00, new byte[0]), masked(0x00, new byte[0]), masked(0x80, new byte[0])), ProtocolViolation.TOO_MANY_FRAGMENTS),
                row("6.3.1 invalid UTF-8 in one frame", masked(0x81, bytes(0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xed, 0xa0, 0x80, 0x65, 0x64, 0x69, 0x74, 0x65, 0x64)), ProtocolViolation.INVALID_UTF8),
                row("6.4.1 invalid UTF-8 fails before the message ends", masked(0x01, bytes(0xce, 0xba, 0xf4, 0x90, 0x80, 0x80)), ProtocolViolation.INVALID_UTF8),
                row("text ending inside a character", masked(0x81, bytes(0x41, 0xe2, 0x82)), ProtocolViolation.INVALID_UTF8),
                row("fragmented text ending inside a character", concat(masked(0x01, bytes(0xe2)), masked(0x80, bytes(0x82))), ProtocolViolation.INVALID_UTF8),
                row("7.3.2 close payload of one byte", masked(0x88, bytes(0x03)), ProtocolViolation.CLOSE_PAYLOAD_ONE_BYTE),
                row("7.5.1 close reason not UTF-8", masked(0x88, closePayload(1000, bytes(0xce, 0xba, 0xe1, 0xbd, 0xb9, 0xcf, 0x83, 0xce, 0xbc, 0xce, 0xb5, 0xed, 0xa0, 0x80))), ProtocolViolation.INVALID_CLOSE_REASON));
    }

    private static Arguments row(String name, byte[] input, ProtocolViolation violation) {
        return Arguments.of(name, input, violation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void answersTheViolationWithItsCloseCode(String name, byte[] input, ProtocolViolation violation) {
        for (boolean byteByByte : new boolean[] {false, true}) {
            ServerUnderTest server = new ServerUnderTest(SMALL_LIMITS);
            if (byteByByte) {
                server.receiveByteByByte(input);
            } else {
                server.receive(input);
            }
            int code = violation.closeCode();
            assertThat(server.events.take()).containsExactly("error:" + violation, "close:" + code + ":");
            assertThat(server.events.errors()).singleElement().extracting(WebSocketException::closeCode).isEqualTo(code);
            assertThat(hex(server.written()))
                    .isEqualTo(hex(unmasked(0x88, closePayload(code, violation.description()))));
            assertThat(server.connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
            assertThat(server.connection.socket().state()).isEqualTo(ConnectionState.CLOSED);
        }
    }

    @ParameterizedTest(name = "7.9 close code {0} is refused with 1002")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void refusesCloseCodesThatMayNotBeSent(int code) {
        ServerUnderTest server = new ServerUnderTest().receive(masked(0x88, closePayload(code, "")));
        assertThat(server.events.take()).containsExactly("error:INVALID_CLOSE_CODE", "close:1002:");
        assertThat(hex(server.written()))
                .isEqualTo(hex(unmasked(0x88, closePayload(1002, ProtocolViolation.INVALID_CLOSE_CODE.description()))));
    }

    static IntStream validCloseCodes() {
        return IntStream.concat(IntStream.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014),
                IntStream.of(3000, 3999, 4000, 4999));
    }

    @ParameterizedTest(name = "7.7 close code {0} is echoed")
    @MethodSource("validCloseCodes")
    void echoesValidCloseCodes(int code) {
        ServerUnderTest server = new ServerUnderTest().receive(masked(0x88, closePayload(code, "why")));
        assertThat(server.events.take()).containsExactly("close:" + code + ":why");
        assertThat(hex(server.written())).isEqualTo(hex(unmasked(0x88, closePayload(code, ""))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void aViolationWhileClosingSendsNoSecondClose(String name, byte[] input, ProtocolViolation violation) {
        ServerUnderTest server = new ServerUnderTest(SMALL_LIMITS);
        server.connection.socket().close(1000, "");
        server.written();
        server.receive(input);
        assertThat(server.events.take()).containsExactly("error:" + violation, "close:" + violation.closeCode() + ":");
        assertThat(server.written()).isEmpty();
        assertThat(server.connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
    }

    @ParameterizedTest(name = "valid UTF-8 text of {0} code points in fragments of every size is accepted")
    @ValueSource(strings = {"Hello-µ@ßöäüàá-UTF-8!!", "κόσμε", "\uD834\uDD1E𝄞 ascii 𐍈"})
    void acceptsValidTextSplitAcrossFragmentsAnywhere(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= utf8.length; size++) {
            ServerUnderTest server = new ServerUnderTest();
            for (int at = 0; at < utf8.length; at += size) {
                int end = Math.min(utf8.length, at + size);
                int b0 = (at == 0 ? 0x01 : 0x00) | (end == utf8.length ? 0x80 : 0x00);
                server.receive(masked(b0, java.util.Arrays.copyOfRange(utf8, at, end)));
            }
            assertThat(server.events.take()).containsExactly("text:" + text);
        }
    }
}
