package dev.wskit.protocol.http.internal;

import dev.wskit.protocol.Rfc6455Examples;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The head parser, and helpers the handshake tests read heads with. */
public class HttpHeadParserTest {
    /** RFC 6455 §1.3, the client's opening handshake. */
    public static final String RFC_REQUEST = "GET /chat HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Origin: http://example.com\r\n"
            + "Sec-WebSocket-Protocol: chat, superchat\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";
    static final String RFC_RESPONSE = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
            + "Sec-WebSocket-Protocol: chat\r\n"
            + "\r\n";
    private static final int LIMIT = 8192;

    @Test
    void parsesTheRfcRequestFedWhole() {
        HttpRequest request = parseRequest(RFC_REQUEST);

        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.target()).isEqualTo("/chat");
        assertThat(request.path()).isEqualTo("/chat");
        assertThat(request.query()).isNull();
        assertThat(request.versionMajor()).isEqualTo(1);
        assertThat(request.versionMinor()).isEqualTo(1);
        assertThat(request.headers()).isEqualTo(HttpHeaders.of(
                "Host", "server.example.com",
                "Upgrade", "websocket",
                "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
                "Origin", "http://example.com",
                "Sec-WebSocket-Protocol", "chat, superchat",
                "Sec-WebSocket-Version", "13"));
    }

    @Test
    void parsesTheSameRequestFedOneByteAtATime() {
        HttpHeadParser parser = HttpHeadParser.forRequests(LIMIT);
        byte[] bytes = RFC_REQUEST.getBytes(ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            boolean complete = parser.parse(ByteBuffer.wrap(bytes, i, 1));
            assertThat(complete).as("complete after byte %d", i).isEqualTo(i == bytes.length - 1);
        }
        assertThat(parser.request()).isEqualTo(parseRequest(RFC_REQUEST));
    }

    @Test
    void parsesTheSameRequestSplitAtEveryPoint() {
        byte[] bytes = RFC_REQUEST.getBytes(ISO_8859_1);
        HttpRequest whole = parseRequest(RFC_REQUEST);
        for (int split = 0; split <= bytes.length; split++) {
            HttpHeadParser parser = HttpHeadParser.forRequests(LIMIT);
            assertThat(parser.parse(ByteBuffer.wrap(bytes, 0, split))).isEqualTo(split == bytes.length);
            ByteBuffer rest = ByteBuffer.wrap(bytes, split, bytes.length - split);
            assertThat(parser.parse(rest)).isTrue();
            assertThat(parser.request()).as("split at %d", split).isEqualTo(whole);
        }
    }

    @Property
    void parsesTheSameRequestWhateverTheChunks(@ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 64) Integer> chunks) {
        byte[] bytes = RFC_REQUEST.getBytes(ISO_8859_1);
        HttpHeadParser parser = HttpHeadParser.forRequests(LIMIT);
        int offset = 0;
        for (int i = 0; offset < bytes.length; i++) {
            int length = Math.min(chunks.get(i % chunks.size()), bytes.length - offset);
            ByteBuffer chunk = ByteBuffer.wrap(bytes, offset, length);
            parser.parse(chunk);
            assertThat(chunk.hasRemaining()).isFalse();
            offset += length;
        }
        assertThat(parser.request()).isEqualTo(parseRequest(RFC_REQUEST));
    }

    @Test
    void leavesPipelinedFrameBytesInTheBufferUntouched() {
        byte[] head = RFC_REQUEST.getBytes(ISO_8859_1);
        ByteBuffer in = ByteBuffer.allocate(head.length + Rfc6455Examples.maskedHello().length).put(head).put(Rfc6455Examples.maskedHello()).flip();
        HttpHeadParser parser = HttpHeadParser.forRequests(LIMIT);

        assertThat(parser.parse(in)).isTrue();

        assertThat(in.position()).isEqualTo(head.length);
        byte[] rest = new byte[in.remaining()];
        in.get(rest);
        assertThat(rest).isEqualTo(Rfc6455Examples.maskedHello());
    }

    @Test
    void leavesPipelinedBytesAlsoWhenTheHeadEndsInsideALaterChunk() {
        byte[] head = RFC_REQUEST.getBytes(ISO_8859_1);
        HttpHeadParser parser = HttpHeadParser.forRequests(LIMIT);
        assertThat(parser.parse(ByteBuffer.wrap(head, 0, head.length - 3))).isFalse();
        ByteBuffer last = ByteBuffer.allocate(3 + Rfc6455Examples.maskedHello().length)
                .put(head, head.length - 3, 3).put(Rfc6455Examples.maskedHello()).flip();

        assertThat(parser.parse(last)).isTrue();

        assertThat(last.position()).isEqualTo(3);
        assertThat(parser.parse(last)).as("a complete parser reads nothing more").isTrue();
        assertThat(last.position()).isEqualTo(3);
    }

    @Test
    void acceptsAHeadOfExactlyTheLimit() {
        int size = RFC_REQUEST.length();
        HttpHeadParser parser = HttpHeadParser.forRequests(size);
        assertThat(parser.parse(ByteBuffer.wrap(RFC_REQUEST.getBytes(ISO_8859_1)))).isTrue();
    }

    @Test
    void answers431AsSoonAsTheByteAfterTheLimitArrives() {
        byte[] bytes = RFC_REQUEST.getBytes(ISO_8859_1);
        int limit = bytes.length - 1;
        HttpHeadParser parser = HttpHeadParser.forRequests(limit);
        for (int i = 0; i < limit; i++) {
            assertThat(parser.parse(ByteBuffer.wrap(bytes, i, 1))).isFalse();
        }
        ByteBuffer last = ByteBuffer.wrap(bytes, limit, 1);

        assertViolation(() -> parser.parse(last), ProtocolViolation.REQUEST_HEADER_TOO_LARGE);

        assertThat(last.position()).as("the byte over the limit stays unread").isEqualTo(limit);
        assertThat(ProtocolViolation.REQUEST_HEADER_TOO_LARGE.httpStatus()).isEqualTo(431);
    }

    @Test
    void stopsReadingAnEndlessHeadAtTheLimit() {
        ByteBuffer endless = ByteBuffer.wrap(("GET / HTTP/1.1\r\nX: " + "a".repeat(100_000)).getBytes(ISO_8859_1));
        assertViolation(() -> HttpHeadParser.forRequests(1000).parse(endless), ProtocolViolation.REQUEST_HEADER_TOO_LARGE);
        assertThat(endless.position()).isEqualTo(1000);
    }

    @Test
    void keepsTabsAndObsTextInValuesAndTrimsOptionalWhitespace() {
        HttpRequest request = parseRequest("GET /a?b=c&d HTTP/1.1\r\nX-A:\t one\ttwo \t\r\nX-B: caf\u00e9\r\nX-C:\r\n\r\n");
        assertThat(request.headers()).isEqualTo(HttpHeaders.of("X-A", "one\ttwo", "X-B", "caf\u00e9", "X-C", ""));
        assertThat(request.path()).isEqualTo("/a");
        assertThat(request.query()).isEqualTo("b=c&d");
    }

    @Test
    void takesThePathOfAnAbsoluteFormTarget() {
        HttpRequest request = parseRequest("GET http://example.com:8080/chat?x HTTP/1.1\r\nHost: example.com\r\n\r\n");
        assertThat(request.target()).isEqualTo("http://example.com:8080/chat?x");
        assertThat(request.path()).isEqualTo("/chat");
        assertThat(request.query()).isEqualTo("x");
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("an empty line before the request-line", "\r\nGET / HTTP/1.1\r\n\r\n"),
                Arguments.of("two spaces after the method", "GET  / HTTP/1.1\r\n\r\n"),
                Arguments.of("a space after the version", "GET / HTTP/1.1 \r\n\r\n"),
                Arguments.of("no version", "GET /\r\n\r\n"),
                Arguments.of("a lower-case HTTP name", "GET / http/1.1\r\n\r\n"),
                Arguments.of("a two-digit minor version", "GET / HTTP/1.10\r\n\r\n"),
                Arguments.of("a method that is not a token", "G(T / HTTP/1.1\r\n\r\n"),
                Arguments.of("a space inside the target", "GET /a b HTTP/1.1\r\n\r\n"),
                Arguments.of("a fragment in the target", "GET /a#b HTTP/1.1\r\n\r\n"),
                Arguments.of("obs-text in the target", "GET /caf\u00e9 HTTP/1.1\r\n\r\n"),
                Arguments.of("whitespace between name and colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n"),
                Arguments.of("obs-fold", "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n"),
                Arguments.of("whitespace before the first field", "GET / HTTP/1.1\r\n\tHost: x\r\n\r\n"),
                Arguments.of("a field line without a colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n"),
                Arguments.of("an empty field name", "GET / HTTP/1.1\r\n: x\r\n\r\n"),
                Arguments.of("a field name that is not a token", "GET / HTTP/1.1\r\nHo\"st: x\r\n\r\n"),
                Arguments.of("a control character in a value", "GET / HTTP/1.1\r\nX: a\u0001b\r\n\r\n"),
                Arguments.of("NUL in a value", "GET / HTTP/1.1\r\nX: a\u0000b\r\n\r\n"),
                Arguments.of("DEL in a value", "GET / HTTP/1.1\r\nX: a\u007fb\r\n\r\n"),
                Arguments.of("a bare CR in a value", "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n"),
                Arguments.of("a bare LF ending the request-line", "GET / HTTP/1.1\nHost: x\r\n\r\n"),
                Arguments.of("a bare LF ending a field line", "GET / HTTP/1.1\r\nHost: x\n\r\n"),
                Arguments.of("a bare LF ending the head", "GET / HTTP/1.1\r\nHost: x\r\n\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void rejectsAMalformedRequestWith400FedWholeOrByteByByte(String row, String head) {
        assertViolation(() -> HttpHeadParser.forRequests(LIMIT).parse(bytes(head)), ProtocolViolation.MALFORMED_REQUEST);
        assertViolation(() -> feedByteByByte(HttpHeadParser.forRequests(LIMIT), head), ProtocolViolation.MALFORMED_REQUEST);
        assertThat(ProtocolViolation.MALFORMED_REQUEST.httpStatus()).isEqualTo(400);
    }

    @Test
    void parsesTheRfcResponseWithNoBody() {
        HttpHeadParser parser = HttpHeadParser.forResponses(LIMIT);
        assertThat(parser.parse(bytes(RFC_RESPONSE))).isTrue();

        HttpResponse response = parser.response();
        assertThat(response.status()).isEqualTo(101);
        assertThat(response.reason()).isEqualTo("Switching Protocols");
        assertThat(response.body()).isEmpty();
        assertThat(response.headers()).isEqualTo(HttpHeaders.of(
                "Upgrade", "websocket",
                "Connection", "Upgrade",
                "Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                "Sec-WebSocket-Protocol", "chat"));
    }

    @Test
    void parsesTheSameResponseFedOneByteAtATime() {
        HttpHeadParser parser = HttpHeadParser.forResponses(LIMIT);
        feedByteByByte(parser, RFC_RESPONSE);
        HttpHeadParser whole = HttpHeadParser.forResponses(LIMIT);
        whole.parse(bytes(RFC_RESPONSE));
        assertThat(parser.response()).isEqualTo(whole.response());
    }

    @Test
    void acceptsAnEmptyReasonPhrase() {
        HttpHeadParser parser = HttpHeadParser.forResponses(LIMIT);
        assertThat(parser.parse(bytes("HTTP/1.1 404 \r\n\r\n"))).isTrue();
        assertThat(parser.response().status()).isEqualTo(404);
        assertThat(parser.response().reason()).isEmpty();
    }

    static Stream<Arguments> malformedResponses() {
        return Stream.of(
                Arguments.of("no space after the status code", "HTTP/1.1 101\r\n\r\n"),
                Arguments.of("two spaces after the version", "HTTP/1.1  101 OK\r\n\r\n"),
                Arguments.of("a letter in the status code", "HTTP/1.1 1O1 OK\r\n\r\n"),
                Arguments.of("a status code below 100", "HTTP/1.1 099 OK\r\n\r\n"),
                Arguments.of("a status code above 599", "HTTP/1.1 600 OK\r\n\r\n"),
                Arguments.of("a lower-case HTTP name", "http/1.1 101 OK\r\n\r\n"),
                Arguments.of("a control character in the reason", "HTTP/1.1 101 O\u0001K\r\n\r\n"),
                Arguments.of("obs-fold", "HTTP/1.1 101 OK\r\nUpgrade: websocket\r\n x\r\n\r\n"),
                Arguments.of("whitespace between name and colon", "HTTP/1.1 101 OK\r\nUpgrade : websocket\r\n\r\n"),
                Arguments.of("a bare LF", "HTTP/1.1 101 OK\nUpgrade: websocket\r\n\r\n"),
                Arguments.of("an empty line first", "\r\nHTTP/1.1 101 OK\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedResponses")
    void rejectsAMalformedResponseFedWholeOrByteByByte(String row, String head) {
        assertViolation(() -> HttpHeadParser.forResponses(LIMIT).parse(bytes(head)), ProtocolViolation.MALFORMED_RESPONSE);
        assertViolation(() -> feedByteByByte(HttpHeadParser.forResponses(LIMIT), head), ProtocolViolation.MALFORMED_RESPONSE);
    }

    @Test
    void rejectsAResponseHeadOverTheLimit() {
        int limit = RFC_RESPONSE.length() - 1;
        ByteBuffer in = bytes(RFC_RESPONSE);
        assertViolation(() -> HttpHeadParser.forResponses(limit).parse(in), ProtocolViolation.RESPONSE_HEADER_TOO_LARGE);
        assertThat(in.position()).isEqualTo(limit);
        assertThat(HttpHeadParser.forResponses(limit + 1).parse(bytes(RFC_RESPONSE))).isTrue();
    }

    @Test
    void resultsAreUnavailableUntilTheHeadIsComplete() {
        HttpHeadParser parser = HttpHeadParser.forRequests(LIMIT);
        parser.parse(bytes("GET / HTTP/1.1\r\n"));
        assertThatThrownBy(parser::request).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(parser::response).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRejectedParserRefusesMoreInput() {
        HttpHeadParser parser = HttpHeadParser.forRequests(LIMIT);
        assertViolation(() -> parser.parse(bytes("GET / HTTP/1.1\nHost: x\r\n\r\n")), ProtocolViolation.MALFORMED_REQUEST);
        assertThatThrownBy(() -> parser.parse(bytes("\r\n"))).isInstanceOf(IllegalStateException.class);
    }

    public static HttpRequest parseRequest(String head) {
        HttpHeadParser parser = HttpHeadParser.forRequests(LIMIT);
        assertThat(parser.parse(bytes(head))).isTrue();
        return parser.request();
    }

    public static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(ISO_8859_1));
    }

    private static void feedByteByByte(HttpHeadParser parser, String head) {
        byte[] bytes = head.getBytes(ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            parser.parse(ByteBuffer.wrap(bytes, i, 1));
        }
    }

    public static void assertViolation(ThrowingCallable call, ProtocolViolation violation) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(WebSocketException.class, e -> assertThat(e.violation()).isEqualTo(violation));
    }
}
