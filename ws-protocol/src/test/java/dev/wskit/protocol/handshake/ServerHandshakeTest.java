package dev.wskit.protocol.handshake;

import static dev.wskit.protocol.http.internal.HttpHeadParserTest.RFC_REQUEST;
import static dev.wskit.protocol.http.internal.HttpHeadParserTest.parseRequest;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.http.internal.HttpHeadParser;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ServerHandshakeTest {
    private static final WebSocketConfig DEFAULTS = WebSocketConfig.defaults();
    private static final String RFC_ACCEPT = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n";

    @Test
    void acceptsTheRfcRequestWithTheExactRfcResponseBytes() {
        HandshakeDecision decision = decide(RFC_REQUEST, DEFAULTS);

        assertThat(decision.isUpgrade()).isTrue();
        assertThat(decision.violation()).isNull();
        assertThat(decision.subprotocol()).isNull();
        assertThat(decision.deflate()).isNull();
        assertThat(text(decision.response().encode())).isEqualTo(RFC_ACCEPT + "\r\n");
    }

    @Test
    void acceptsTheRfcRequestWithTheChatSubprotocolAsInTheRfc() {
        HandshakeDecision decision = decide(RFC_REQUEST, DEFAULTS.toBuilder().subprotocols("chat").build());

        assertThat(decision.subprotocol()).isEqualTo("chat");
        assertThat(text(decision.response().encode()))
                .isEqualTo(RFC_ACCEPT + "Sec-WebSocket-Protocol: chat\r\n\r\n");
    }

    static Stream<Arguments> rejections() {
        WebSocketConfig onlyExampleOrigin = DEFAULTS.toBuilder().originPolicy("http://example.com"::equals).build();
        Map<String, String> upgradeRequired = Map.of(
                "Upgrade", "websocket", "Sec-WebSocket-Version", "13", "Connection", "Upgrade, close");
        Map<String, String> close = Map.of("Connection", "close");
        return Stream.of(
                row("no Upgrade header", without("Upgrade"), DEFAULTS,
                        ProtocolViolation.MISSING_UPGRADE_WEBSOCKET, 426, upgradeRequired),
                row("Upgrade: h2c", replace("Upgrade: websocket", "Upgrade: h2c"), DEFAULTS,
                        ProtocolViolation.MISSING_UPGRADE_WEBSOCKET, 426, upgradeRequired),
                row("POST", replace("GET /chat", "POST /chat"), DEFAULTS,
                        ProtocolViolation.METHOD_NOT_GET, 405, Map.of("Allow", "GET", "Connection", "close")),
                row("a lower-case get (methods are case-sensitive)", replace("GET /chat", "get /chat"), DEFAULTS,
                        ProtocolViolation.METHOD_NOT_GET, 405, Map.of("Allow", "GET", "Connection", "close")),
                row("HTTP/1.0", replace("HTTP/1.1", "HTTP/1.0"), DEFAULTS,
                        ProtocolViolation.HTTP_VERSION_TOO_OLD, 400, close),
                row("HTTP/0.9", replace("HTTP/1.1", "HTTP/0.9"), DEFAULTS,
                        ProtocolViolation.HTTP_VERSION_TOO_OLD, 400, close),
                row("no Host", without("Host"), DEFAULTS, ProtocolViolation.MISSING_HOST, 400, close),
                row("two Host lines", add("Host: other.example.com"), DEFAULTS,
                        ProtocolViolation.MISSING_HOST, 400, close),
                row("no Connection", without("Connection"), DEFAULTS,
                        ProtocolViolation.MISSING_CONNECTION_UPGRADE, 400, close),
                row("Connection: keep-alive only", replace("Connection: Upgrade", "Connection: keep-alive"), DEFAULTS,
                        ProtocolViolation.MISSING_CONNECTION_UPGRADE, 400, close),
                row("no Sec-WebSocket-Version", without("Sec-WebSocket-Version"), DEFAULTS,
                        ProtocolViolation.UNSUPPORTED_VERSION, 426, upgradeRequired),
                row("Sec-WebSocket-Version: 8", replace("Version: 13", "Version: 8"), DEFAULTS,
                        ProtocolViolation.UNSUPPORTED_VERSION, 426, upgradeRequired),
                row("Sec-WebSocket-Version: 13, 8", replace("Version: 13", "Version: 13, 8"), DEFAULTS,
                        ProtocolViolation.UNSUPPORTED_VERSION, 426, upgradeRequired),
                row("two Sec-WebSocket-Version lines", add("Sec-WebSocket-Version: 13"), DEFAULTS,
                        ProtocolViolation.UNSUPPORTED_VERSION, 426, upgradeRequired),
                row("no Sec-WebSocket-Key", without("Sec-WebSocket-Key"), DEFAULTS,
                        ProtocolViolation.INVALID_KEY, 400, close),
                row("a key of 15 bytes", replace("dGhlIHNhbXBsZSBub25jZQ==", "AAAAAAAAAAAAAAAAAAAA"), DEFAULTS,
                        ProtocolViolation.INVALID_KEY, 400, close),
                row("a key that is not base64", replace("dGhlIHNhbXBsZSBub25jZQ==", "not-base64-at-all-here!!"), DEFAULTS,
                        ProtocolViolation.INVALID_KEY, 400, close),
                row("two Sec-WebSocket-Key lines", add("Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA=="), DEFAULTS,
                        ProtocolViolation.INVALID_KEY, 400, close),
                row("an origin the policy refuses", replace("http://example.com", "http://evil.example"),
                        onlyExampleOrigin, ProtocolViolation.ORIGIN_REJECTED, 403, close),
                row("no origin where the policy wants one", without("Origin"), onlyExampleOrigin,
                        ProtocolViolation.ORIGIN_REJECTED, 403, close),
                row("two Origin lines", add("Origin: http://example.com"), DEFAULTS,
                        ProtocolViolation.ORIGIN_REJECTED, 403, close),
                row("POST without Host: the first rule in RFC order wins",
                        head -> without("Host").apply(replace("GET /chat", "POST /chat").apply(head)), DEFAULTS,
                        ProtocolViolation.METHOD_NOT_GET, 405, Map.of("Allow", "GET", "Connection", "close")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWithACompleteHttpResponseNamingTheRule(String row, UnaryOperator<String> edit,
                                                       WebSocketConfig config, ProtocolViolation violation,
                                                       int status, Map<String, String> requiredHeaders) {
        HandshakeDecision decision = decide(edit.apply(RFC_REQUEST), config);

        assertThat(decision.violation()).isEqualTo(violation);
        assertThat(violation.httpStatus()).isEqualTo(status);
        assertThat(decision.isUpgrade()).isFalse();
        assertThat(decision.subprotocol()).isNull();

        ByteBuffer wire = decision.response().encode();
        HttpHeadParser parser = HttpHeadParser.forResponses(8192);
        assertThat(parser.parse(wire)).isTrue();
        HttpResponse sent = parser.response();
        byte[] body = new byte[wire.remaining()];
        wire.get(body);
        assertThat(sent.status()).isEqualTo(status);
        assertThat(sent.reason()).isEqualTo(standardReason(status));
        assertThat(new String(body, UTF_8)).isEqualTo(violation.description() + "\n");
        assertThat(sent.headers().first("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(sent.headers().all("Content-Length")).containsExactly(Integer.toString(body.length));
        assertThat(sent.headers().containsToken("Connection", "close")).isTrue();
        assertThat(sent.headers().contains("Sec-WebSocket-Accept")).isFalse();
        requiredHeaders.forEach((name, value) -> assertThat(sent.headers().all(name)).as(name).containsExactly(value));
    }

    @ParameterizedTest
    @EnumSource(value = ProtocolViolation.class, names = {"MALFORMED_REQUEST", "REQUEST_HEADER_TOO_LARGE"})
    void answersAParserRefusalWithTheSameKindOfCompleteResponse(ProtocolViolation violation) {
        HandshakeDecision decision = ServerHandshake.reject(violation);

        assertThat(decision.violation()).isEqualTo(violation);
        assertThat(decision.isUpgrade()).isFalse();
        String body = violation.description() + "\n";
        assertThat(text(decision.response().encode())).isEqualTo("HTTP/1.1 " + violation.httpStatus() + " "
                + standardReason(violation.httpStatus()) + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Connection: close\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "\r\n"
                + body);
    }

    @Test
    void refusesToRejectWithAViolationThatHasNoHttpStatus() {
        assertThatThrownBy(() -> ServerHandshake.reject(ProtocolViolation.WRONG_ACCEPT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsConnectionKeepAliveUpgrade() {
        HandshakeDecision decision = decide(replace("Connection: Upgrade", "Connection: keep-alive, Upgrade").apply(RFC_REQUEST), DEFAULTS);
        assertThat(decision.isUpgrade()).isTrue();
    }

    @Test
    void acceptsHeaderNamesAndUpgradeTokensInAnyCase() {
        String shouting = "GET /chat HTTP/1.1\r\n"
                + "HOST: server.example.com\r\n"
                + "upgrade: WebSocket\r\n"
                + "CONNECTION: UPGRADE\r\n"
                + "sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "SEC-WEBSOCKET-VERSION: 13\r\n"
                + "\r\n";

        HandshakeDecision decision = decide(shouting, DEFAULTS);

        assertThat(decision.isUpgrade()).isTrue();
        assertThat(text(decision.response().encode())).isEqualTo(RFC_ACCEPT + "\r\n");
    }

    static Stream<Arguments> subprotocolChoices() {
        return Stream.of(
                Arguments.of(List.of("chat"), List.of("chat, superchat"), "chat"),
                Arguments.of(List.of("superchat", "chat"), List.of("chat, superchat"), "superchat"),
                Arguments.of(List.of("chat", "superchat"), List.of("superchat, chat"), "chat"),
                Arguments.of(List.of("v2", "v1"), List.of("v1", "v2"), "v2"),
                Arguments.of(List.of("mqtt"), List.of("chat, superchat"), null),
                Arguments.of(List.of(), List.of("chat"), null),
                Arguments.of(List.of("chat"), List.of(), null),
                Arguments.of(List.of("Chat"), List.of("chat"), null));
    }

    @ParameterizedTest(name = "server prefers {0}, client offers {1}: {2}")
    @MethodSource("subprotocolChoices")
    void choosesTheServersFavouriteAmongTheOfferedSubprotocolsOrNone(List<String> serverPrefers,
                                                                      List<String> clientLines, String chosen) {
        StringBuilder request = new StringBuilder(without("Sec-WebSocket-Protocol").apply(RFC_REQUEST));
        request.setLength(request.length() - 2);
        clientLines.forEach(line -> request.append("Sec-WebSocket-Protocol: ").append(line).append("\r\n"));
        request.append("\r\n");

        HandshakeDecision decision = decide(request.toString(), DEFAULTS.toBuilder().subprotocols(serverPrefers).build());

        assertThat(decision.isUpgrade()).as("no common subprotocol is not a refusal").isTrue();
        assertThat(decision.subprotocol()).isEqualTo(chosen);
        assertThat(decision.response().headers().all("Sec-WebSocket-Protocol"))
                .isEqualTo(chosen == null ? List.of() : List.of(chosen));
    }

    @Test
    void theApplicationAnswersAPlainRequestAndItsHeadersStay() {
        AtomicReference<HttpRequest> seen = new AtomicReference<>();
        WebSocketConfig config = DEFAULTS.toBuilder().httpHandler(request -> {
            seen.set(request);
            return HttpResponse.text(200, "ok\n").withHeader("Connection", "keep-alive");
        }).build();

        HandshakeDecision decision = decide("GET /health?full HTTP/1.1\r\nHost: x\r\n\r\n", config);

        assertThat(seen.get().path()).isEqualTo("/health");
        assertThat(decision.isUpgrade()).isFalse();
        assertThat(decision.violation()).isNull();
        assertThat(text(decision.response().encode())).isEqualTo("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Connection: keep-alive\r\n"
                + "Content-Length: 3\r\n"
                + "\r\n"
                + "ok\n");
    }

    @Test
    void aPlainAnswerSaysCloseWhenTheRequestDid() {
        WebSocketConfig config = DEFAULTS.toBuilder().httpHandler(request -> HttpResponse.text(200, "ok\n")).build();

        HandshakeDecision decision = decide("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", config);

        assertThat(decision.response().headers().first("Connection")).isEqualTo("close");
    }

    @Test
    void anUpgradeRequestNeverReachesTheApplication() {
        WebSocketConfig config = DEFAULTS.toBuilder().httpHandler(request -> {
            throw new AssertionError("called for an upgrade");
        }).build();
        assertThat(decide(RFC_REQUEST, config).isUpgrade()).isTrue();
    }

    @Test
    void theApplicationReturningNothingAnswers404() {
        WebSocketConfig config = DEFAULTS.toBuilder().httpHandler(request -> null).build();

        HandshakeDecision decision = decide("GET /missing HTTP/1.1\r\nHost: x\r\n\r\n", config);

        assertThat(decision.response().status()).isEqualTo(404);
        assertThat(decision.response().headers().first("Connection")).as("HTTP/1.1 persists").isNull();
        assertThat(decision.isUpgrade()).isFalse();
    }

    @Test
    void theApplicationFailingAnswers500WithoutItsMessage() {
        WebSocketConfig config = DEFAULTS.toBuilder().httpHandler(request -> {
            throw new IllegalStateException("secret database password");
        }).build();

        HandshakeDecision decision = decide("GET / HTTP/1.1\r\nHost: x\r\n\r\n", config);

        assertThat(decision.response().status()).isEqualTo(500);
        assertThat(decision.response().headers().first("Connection")).as("HTTP/1.1 persists").isNull();
        assertThat(text(decision.response().encode())).doesNotContain("secret");
        assertThat(decision.violation()).isNull();
    }

    private static HandshakeDecision decide(String head, WebSocketConfig config) {
        return ServerHandshake.decide(parseRequest(head), config);
    }

    /** The reason phrase a response built for {@code status} carries: the standard one. */
    private static String standardReason(int status) {
        return HttpResponse.text(status, "").reason();
    }

    private static String text(ByteBuffer wire) {
        byte[] bytes = new byte[wire.remaining()];
        wire.get(bytes);
        return new String(bytes, ISO_8859_1);
    }

    private static Arguments row(String name, UnaryOperator<String> edit, WebSocketConfig config,
                                 ProtocolViolation violation, int status, Map<String, String> headers) {
        return Arguments.of(name, edit, config, violation, status, headers);
    }

    private static UnaryOperator<String> replace(String from, String to) {
        return head -> {
            assertThat(head).contains(from);
            return head.replace(from, to);
        };
    }

    /** Removes the line of the field {@code name}. */
    private static UnaryOperator<String> without(String name) {
        return head -> {
            assertThat(head).contains("\r\n" + name + ": ");
            return head.replaceFirst("\r\n" + name + ": [^\r]*", "");
        };
    }

    /** Adds a field line just before the empty line. */
    private static UnaryOperator<String> add(String line) {
        return head -> head.substring(0, head.length() - 2) + line + "\r\n\r\n";
    }
}
