package dev.wskit.protocol.handshake;

import static dev.wskit.protocol.http.internal.HttpHeadParserTest.assertViolation;
import static dev.wskit.protocol.http.internal.HttpHeadParserTest.bytes;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.http.internal.HttpHeadParser;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientHandshakeTest {
    /** The first 16 bytes of {@code new Random(42)}, in base64. */
    private static final String SEEDED_KEY = "NZ1BuveK/g3hu+euKMBFDA==";

    private static WebSocketConfig seeded(String... subprotocols) {
        return WebSocketConfig.builder().random(new Random(42)).subprotocols(subprotocols).build();
    }

    @Test
    void writesTheExactRequestForASeededRandom() {
        ClientHandshake handshake = ClientHandshake.builder(URI.create("ws://server.example.com/chat?room=1"))
                .origin("http://example.com")
                .header("Cookie", "session=abc")
                .build(seeded("chat", "superchat"));

        assertThat(handshake.key()).isEqualTo(SEEDED_KEY);
        assertThat(text(handshake.encodeRequest())).isEqualTo("GET /chat?room=1 HTTP/1.1\r\n"
                + "Host: server.example.com\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + SEEDED_KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Origin: http://example.com\r\n"
                + "Sec-WebSocket-Protocol: chat, superchat\r\n"
                + "Cookie: session=abc\r\n"
                + "\r\n");
        assertThat(handshake.request().path()).isEqualTo("/chat");
        assertThat(handshake.request().query()).isEqualTo("room=1");
    }

    @Test
    void writesNoOriginAndNoSubprotocolWhenNoneIsSet() {
        ClientHandshake handshake = ClientHandshake.builder(URI.create("ws://example.com")).build(seeded());

        assertThat(text(handshake.encodeRequest())).isEqualTo("GET / HTTP/1.1\r\n"
                + "Host: example.com\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + SEEDED_KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n");
    }

    @Test
    void everyHandshakeGetsAFreshValidKey() {
        WebSocketConfig config = seeded();
        String first = ClientHandshake.builder(URI.create("ws://h/")).build(config).key();
        String second = ClientHandshake.builder(URI.create("ws://h/")).build(config).key();
        assertThat(first).isNotEqualTo(second);
        assertThat(AcceptKey.isValidKey(first)).isTrue();
        assertThat(AcceptKey.isValidKey(second)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> Host: {1}, target {2}")
    @CsvSource(delimiter = '|', value = {
            "ws://example.com/chat             | example.com         | /chat",
            "ws://example.com:80/chat          | example.com         | /chat",
            "wss://example.com:443/chat        | example.com         | /chat",
            "ws://example.com:443/             | example.com:443     | /",
            "wss://example.com:80/             | example.com:80      | /",
            "ws://example.com:8080             | example.com:8080    | /",
            "WS://Example.com/                 | Example.com         | /",
            "ws://[::1]:9000/x                 | [::1]:9000          | /x",
            "wss://[2001:db8::1]/x             | [2001:db8::1]       | /x",
            "ws://192.0.2.1?a=1&b              | 192.0.2.1           | /?a=1&b",
            "ws://h/a%20b?q=%C3%A9             | h                   | /a%20b?q=%C3%A9",
            "ws://h/caf\u00e9                  | h                   | /caf%C3%A9",
    })
    void derivesHostAndTargetFromTheUri(String uri, String host, String target) {
        HttpRequest request = ClientHandshake.builder(URI.create(uri)).build(seeded()).request();
        assertThat(request.headers().all("Host")).containsExactly(host);
        assertThat(request.target()).isEqualTo(target);
    }

    @Test
    void tellsTheTransportWhereToConnect() {
        WebSocketUri uri = WebSocketUri.of(URI.create("wss://[::1]/chat"));
        assertThat(uri.isSecure()).isTrue();
        assertThat(uri.host()).isEqualTo("::1");
        assertThat(uri.port()).isEqualTo(443);
        assertThat(uri).hasToString("wss://[::1]/chat");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/", "https://example.com/", "/chat", "ws:opaque",
            "ws:///no-host", "ws://example.com/#fragment", "ws://user:pw@example.com/", "ws://under_score/"})
    void refusesAUriThatIsNotAWebSocketUri(String uri) {
        assertThatThrownBy(() -> ClientHandshake.builder(URI.create(uri)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "upgrade", "CONNECTION", "Origin", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
            "Sec-WebSocket-Accept", "sec-websocket-protocol", "Sec-WebSocket-Extensions"})
    void refusesExtraHeadersTheHandshakeWritesItself(String name) {
        ClientHandshake.Builder builder = ClientHandshake.builder(URI.create("ws://h/"));
        assertThatThrownBy(() -> builder.header(name, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesExtraHeadersThatWouldInjectALine() {
        ClientHandshake.Builder builder = ClientHandshake.builder(URI.create("ws://h/"));
        assertThatThrownBy(() -> builder.header("X-Ok", "a\r\nHost: evil")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.header("Bad Name", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.origin("http://a\r\nX: y")).isInstanceOf(IllegalArgumentException.class);
    }

    /** RFC 6455 §4.1 item 10: each subprotocol offered is an HTTP token. */
    @Test
    void refusesASubprotocolThatIsNotAToken() {
        ClientHandshake.Builder builder = ClientHandshake.builder(URI.create("ws://h/"));
        assertThatThrownBy(() -> builder.subprotocols(List.of("chat", "not a token")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("subprotocol is not an HTTP token: 'not a token'");
        assertThatThrownBy(() -> ClientHandshake.checkSubprotocols(List.of("a,b"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checksHeadersAndOriginWithoutAUriByTheSameRules() {
        assertThatThrownBy(() -> ClientHandshake.checkHeader("Host", "x")).hasMessage("Host is written by the handshake itself");
        assertThatThrownBy(() -> ClientHandshake.checkHeader("X-Ok", "a\r\nHost: evil"))
                .hasMessage("header value holds a forbidden character: X-Ok");
        assertThatThrownBy(() -> ClientHandshake.checkOrigin("http://a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientHandshake.checkHeader(null, "x")).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> ClientHandshake.checkHeader("X-Ok", null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> ClientHandshake.checkOrigin(null)).isInstanceOf(NullPointerException.class).hasMessage("origin");
        ClientHandshake.checkHeader("Cookie", "session=abc");
        ClientHandshake.checkOrigin("http://example.com");
    }

    static Stream<Arguments> invalidResponses() {
        String accept = "Sec-WebSocket-Accept: " + AcceptKey.of(SEEDED_KEY) + "\r\n";
        String upgrade = "Upgrade: websocket\r\n";
        String connection = "Connection: Upgrade\r\n";
        List<String> chat = List.of("chat");
        List<String> none = List.of();
        return Stream.of(
                Arguments.of("200 OK", "HTTP/1.1 200 OK\r\n" + upgrade + connection + accept,
                        none, ProtocolViolation.STATUS_NOT_101),
                Arguments.of("426", "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 13\r\n",
                        none, ProtocolViolation.STATUS_NOT_101),
                Arguments.of("no Upgrade", "HTTP/1.1 101 Switching Protocols\r\n" + connection + accept,
                        none, ProtocolViolation.RESPONSE_MISSING_UPGRADE),
                Arguments.of("Upgrade: h2c", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n" + connection + accept,
                        none, ProtocolViolation.RESPONSE_MISSING_UPGRADE),
                Arguments.of("Upgrade: websocket, h2c",
                        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket, h2c\r\n" + connection + accept,
                        none, ProtocolViolation.RESPONSE_MISSING_UPGRADE),
                Arguments.of("no Connection", "HTTP/1.1 101 Switching Protocols\r\n" + upgrade + accept,
                        none, ProtocolViolation.RESPONSE_MISSING_CONNECTION),
                Arguments.of("Connection: close",
                        "HTTP/1.1 101 Switching Protocols\r\n" + upgrade + "Connection: close\r\n" + accept,
                        none, ProtocolViolation.RESPONSE_MISSING_CONNECTION),
                Arguments.of("no accept", "HTTP/1.1 101 Switching Protocols\r\n" + upgrade + connection,
                        none, ProtocolViolation.WRONG_ACCEPT),
                Arguments.of("the accept of another key",
                        "HTTP/1.1 101 Switching Protocols\r\n" + upgrade + connection
                                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n",
                        none, ProtocolViolation.WRONG_ACCEPT),
                Arguments.of("the right accept twice",
                        "HTTP/1.1 101 Switching Protocols\r\n" + upgrade + connection + accept + accept,
                        none, ProtocolViolation.WRONG_ACCEPT),
                Arguments.of("an extension nobody offered",
                        "HTTP/1.1 101 Switching Protocols\r\n" + upgrade + connection + accept
                                + "Sec-WebSocket-Extensions: permessage-deflate\r\n",
                        none, ProtocolViolation.UNREQUESTED_EXTENSION),
                Arguments.of("a subprotocol when none was offered",
                        "HTTP/1.1 101 Switching Protocols\r\n" + upgrade + connection + accept
                                + "Sec-WebSocket-Protocol: chat\r\n",
                        none, ProtocolViolation.UNREQUESTED_SUBPROTOCOL),
                Arguments.of("a subprotocol that was not offered",
                        "HTTP/1.1 101 Switching Protocols\r\n" + upgrade + connection + accept
                                + "Sec-WebSocket-Protocol: superchat\r\n",
                        chat, ProtocolViolation.UNREQUESTED_SUBPROTOCOL),
                Arguments.of("an offered subprotocol in another case",
                        "HTTP/1.1 101 Switching Protocols\r\n" + upgrade + connection + accept
                                + "Sec-WebSocket-Protocol: Chat\r\n",
                        chat, ProtocolViolation.UNREQUESTED_SUBPROTOCOL),
                Arguments.of("two subprotocols, both offered",
                        "HTTP/1.1 101 Switching Protocols\r\n" + upgrade + connection + accept
                                + "Sec-WebSocket-Protocol: chat, superchat\r\n",
                        List.of("chat", "superchat"), ProtocolViolation.UNREQUESTED_SUBPROTOCOL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidResponses")
    void failsTheConnectionOnAResponseThatBreaksARule(String row, String head, List<String> offered,
                                                      ProtocolViolation violation) {
        ClientHandshake handshake = ClientHandshake.builder(URI.create("ws://h/"))
                .build(seeded(offered.toArray(new String[0])));
        HttpResponse response = parseResponse(head + "\r\n");

        assertViolation(() -> handshake.validate(response), violation);
    }

    @Test
    void theStatusNot101FailureNamesTheStatus() {
        ClientHandshake handshake = ClientHandshake.builder(URI.create("ws://h/")).build(seeded());
        assertThatThrownBy(() -> handshake.validate(parseResponse("HTTP/1.1 403 Forbidden\r\n\r\n")))
                .isInstanceOf(WebSocketException.class)
                .hasMessageContaining("403");
    }

    @Test
    void acceptsTokensAndNamesInAnyCaseAndReturnsTheOfferedSubprotocol() {
        ClientHandshake handshake = ClientHandshake.builder(URI.create("ws://h/")).build(seeded("chat", "superchat"));
        HttpResponse response = parseResponse("HTTP/1.1 101 \r\n"
                + "UPGRADE: WebSocket\r\n"
                + "connection: keep-alive, upgrade\r\n"
                + "sec-websocket-accept: " + AcceptKey.of(SEEDED_KEY) + "\r\n"
                + "SEC-WEBSOCKET-PROTOCOL: superchat\r\n"
                + "\r\n");

        assertThat(handshake.validate(response)).isEqualTo("superchat");
    }

    @Test
    void acceptsNoSubprotocolEvenWhenSomeWereOffered() {
        ClientHandshake handshake = ClientHandshake.builder(URI.create("ws://h/")).build(seeded("chat"));
        HttpResponse response = parseResponse("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + AcceptKey.of(SEEDED_KEY) + "\r\n\r\n");

        assertThat(handshake.validate(response)).isNull();
    }

    @ParameterizedTest(name = "client offers {0}, server speaks {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "chat,superchat | superchat,chat | superchat",
            "chat           | chat           | chat",
            "chat           | mqtt           | none",
    })
    void aRoundTripThroughTheWireAgreesOnTheSubprotocol(String clientOffers, String serverSpeaks, String agreed) {
        ClientHandshake client = ClientHandshake.builder(URI.create("ws://server.example.com:8080/chat"))
                .origin("http://example.com")
                .build(seeded(clientOffers.split(",")));
        WebSocketConfig serverConfig = WebSocketConfig.builder().subprotocols(serverSpeaks.split(","))
                .originPolicy("http://example.com"::equals).build();

        HttpHeadParser requestParser = HttpHeadParser.forRequests(serverConfig.maxHandshakeBytes());
        assertThat(requestParser.parse(client.encodeRequest())).isTrue();
        HandshakeDecision decision = ServerHandshake.decide(requestParser.request(), serverConfig);
        assertThat(decision.isUpgrade()).isTrue();

        ByteBuffer wire = decision.response().encode();
        HttpHeadParser responseParser = HttpHeadParser.forResponses(8192);
        assertThat(responseParser.parse(wire)).isTrue();
        assertThat(wire.hasRemaining()).isFalse();

        assertThat(client.validate(responseParser.response())).isEqualTo(agreed).isEqualTo(decision.subprotocol());
    }

    private static HttpResponse parseResponse(String head) {
        HttpHeadParser parser = HttpHeadParser.forResponses(8192);
        assertThat(parser.parse(bytes(head))).isTrue();
        return parser.response();
    }

    private static String text(ByteBuffer wire) {
        byte[] bytes = new byte[wire.remaining()];
        wire.get(bytes);
        return new String(bytes, ISO_8859_1);
    }
}
