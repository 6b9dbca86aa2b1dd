package dev.wskit.protocol.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP/2 opening handshake (RFC 8441 §4, §5), judged and answered without I/O. */
class Http2ServerHandshakeTest {
    private static final WebSocketConfig DEFAULTS = WebSocketConfig.defaults();

    /** RFC 8441 §5.1's example request, with the fields a browser adds. */
    static List<Map.Entry<String, String>> extendedConnect() {
        return List.of(
                Map.entry(":method", "CONNECT"),
                Map.entry(":protocol", "websocket"),
                Map.entry(":scheme", "https"),
                Map.entry(":path", "/chat"),
                Map.entry(":authority", "server.example.com"),
                Map.entry("sec-websocket-protocol", "chat, superchat"),
                Map.entry("sec-websocket-extensions", "permessage-deflate"),
                Map.entry("sec-websocket-version", "13"),
                Map.entry("origin", "http://www.example.com"));
    }

    static List<Map.Entry<String, String>> without(String name) {
        return edited(fields -> fields.removeIf(field -> field.getKey().equals(name)));
    }

    static List<Map.Entry<String, String>> with(String name, String value) {
        return edited(fields -> fields.replaceAll(field -> field.getKey().equals(name) ? Map.entry(name, value) : field));
    }

    private static List<Map.Entry<String, String>> edited(java.util.function.Consumer<List<Map.Entry<String, String>>> edit) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(extendedConnect());
        edit.accept(fields);
        return fields;
    }

    private static HandshakeDecision screen(List<Map.Entry<String, String>> fields, WebSocketConfig config) {
        return Http2ServerHandshake.screen(fields, Http2ServerHandshake.request(fields), config);
    }

    @Test
    void theDeciderSeesTheStreamAsARequestWithItsPathAndAuthorityAsHost() {
        HttpRequest request = Http2ServerHandshake.request(extendedConnect());

        assertThat(request.method()).isEqualTo("CONNECT");
        assertThat(request.path()).isEqualTo("/chat");
        assertThat(request.versionMajor()).isEqualTo(2);
        assertThat(request.headers().first("Host")).isEqualTo("server.example.com");
        assertThat(request.headers().first("Sec-WebSocket-Version")).isEqualTo("13");
        assertThat(request.headers().contains(":protocol")).isFalse();
    }

    @Test
    void aValidExtendedConnectPassesTheScreen() {
        assertThat(Http2ServerHandshake.isExtendedConnect(extendedConnect())).isTrue();
        assertThat(screen(extendedConnect(), DEFAULTS)).isNull();
    }

    @Test
    void acceptsWith200AndNoAcceptKey() {
        HandshakeDecision decision = Http2ServerHandshake.accept(
                Http2ServerHandshake.request(extendedConnect()), DEFAULTS, null, HttpHeaders.empty());

        assertThat(decision.isUpgrade()).isTrue();
        assertThat(Http2ServerHandshake.responseFields(decision.response())).containsExactly(Map.entry(":status", "200"));
    }

    @Test
    void negotiatesTheSubprotocolAndPermessageDeflateAsOverHttp11() {
        WebSocketConfig config = DEFAULTS.toBuilder().subprotocols("superchat", "chat")
                .perMessageDeflate(PerMessageDeflateConfig.defaults()).build();

        HandshakeDecision decision = Http2ServerHandshake.accept(
                Http2ServerHandshake.request(extendedConnect()), config, null, HttpHeaders.of("x-trace", "1"));

        assertThat(decision.subprotocol()).isEqualTo("superchat");
        assertThat(decision.deflate()).isNotNull();
        assertThat(Http2ServerHandshake.responseFields(decision.response())).containsExactly(
                Map.entry(":status", "200"),
                Map.entry("sec-websocket-protocol", "superchat"),
                Map.entry("sec-websocket-extensions", decision.deflate().toHeaderValue()),
                Map.entry("x-trace", "1"));
    }

    @Test
    void aSubprotocolTheClientDidNotOfferIsRefusedToTheApplication() {
        HttpRequest request = Http2ServerHandshake.request(extendedConnect());

        assertThatThrownBy(() -> Http2ServerHandshake.accept(request, DEFAULTS, "mqtt", HttpHeaders.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> rejections() {
        WebSocketConfig onlyExampleOrigin = DEFAULTS.toBuilder().originPolicy("http://example.com"::equals).build();
        WebSocketConfig deflate = DEFAULTS.toBuilder().perMessageDeflate(PerMessageDeflateConfig.defaults()).build();
        return Stream.of(
                Arguments.of("CONNECT without :protocol", without(":protocol"), DEFAULTS,
                        ProtocolViolation.CONNECT_WITHOUT_PROTOCOL, 400),
                Arguments.of(":protocol not websocket", with(":protocol", "webtransport"), DEFAULTS,
                        ProtocolViolation.UNSUPPORTED_PROTOCOL, 400),
                Arguments.of("no :path", without(":path"), DEFAULTS, ProtocolViolation.INCOMPLETE_EXTENDED_CONNECT, 400),
                Arguments.of("no :scheme", without(":scheme"), DEFAULTS, ProtocolViolation.INCOMPLETE_EXTENDED_CONNECT, 400),
                Arguments.of("no :authority", without(":authority"), DEFAULTS,
                        ProtocolViolation.INCOMPLETE_EXTENDED_CONNECT, 400),
                Arguments.of("no version", without("sec-websocket-version"), DEFAULTS,
                        ProtocolViolation.UNSUPPORTED_VERSION, 426),
                Arguments.of("version 8", with("sec-websocket-version", "8"), DEFAULTS,
                        ProtocolViolation.UNSUPPORTED_VERSION, 426),
                Arguments.of("origin refused", extendedConnect(), onlyExampleOrigin, ProtocolViolation.ORIGIN_REJECTED, 403),
                Arguments.of("malformed extensions", with("sec-websocket-extensions", "permessage-deflate;;"), deflate,
                        ProtocolViolation.MALFORMED_EXTENSIONS, 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWithTheStatusOfTheRuleAndNoConnectionSpecificField(String name, List<Map.Entry<String, String>> fields,
                                                                   WebSocketConfig config, ProtocolViolation violation,
                                                                   int status) {
        HandshakeDecision decision = screen(fields, config);

        assertThat(decision.violation()).isEqualTo(violation);
        List<Map.Entry<String, String>> answer = Http2ServerHandshake.responseFields(decision.response());
        assertThat(answer.get(0)).isEqualTo(Map.entry(":status", Integer.toString(status)));
        // RFC 9113 §8.2.2: Connection and Upgrade make an HTTP/2 message malformed.
        assertThat(answer).extracting(Map.Entry::getKey).doesNotContain("connection", "upgrade");
    }

    @Test
    void aVersionRefusalNamesTheVersionWeSpeak() {
        HandshakeDecision decision = screen(with("sec-websocket-version", "8"), DEFAULTS);

        // RFC 6455 §4.4, kept by RFC 8441 §5.
        assertThat(Http2ServerHandshake.responseFields(decision.response()))
                .contains(Map.entry("sec-websocket-version", "13"));
    }

    @Test
    void anotherMethodIsAPlainRequestForTheHttpHandlerOr404() {
        List<Map.Entry<String, String>> get = List.of(Map.entry(":method", "GET"), Map.entry(":scheme", "http"),
                Map.entry(":path", "/health"), Map.entry(":authority", "localhost"));
        WebSocketConfig served = DEFAULTS.toBuilder()
                .httpHandler(request -> HttpResponse.text(200, "up " + request.path() + "\n")).build();

        assertThat(Http2ServerHandshake.isExtendedConnect(get)).isFalse();
        HandshakeDecision answered = screen(get, served);
        assertThat(answered.isUpgrade()).isFalse();
        assertThat(answered.violation()).isNull();
        assertThat(new String(answered.response().body())).isEqualTo("up /health\n");
        assertThat(screen(get, DEFAULTS).response().status()).isEqualTo(404);
    }

    @Test
    void aRequestWithoutMethodOrTargetCannotBeRead() {
        assertThatThrownBy(() -> Http2ServerHandshake.request(without(":method")))
                .isInstanceOf(IllegalArgumentException.class);
        UnaryOperator<List<Map.Entry<String, String>>> noTarget = fields -> {
            List<Map.Entry<String, String>> edited = new ArrayList<>(fields);
            edited.removeIf(field -> field.getKey().equals(":path") || field.getKey().equals(":authority"));
            return edited;
        };
        assertThatThrownBy(() -> Http2ServerHandshake.request(noTarget.apply(extendedConnect())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
