package dev.wskit.protocol;

import static dev.wskit.protocol.ServerUnderTest.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.http.internal.HttpHeadParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The opening handshake as the engine runs it (RFC 6455 §4.2): every rejection is a complete
 * HTTP response, after which nothing more is read and TCP is closed; the handler hears of it
 * through onError only, since the connection never opened.
 */
class ServerHandshakeThroughEngineTest {

    static Stream<Arguments> rejections() {
        String valid = Rfc6455Examples.OPENING_REQUEST;
        return Stream.of(
                Arguments.of("version 12", valid.replace("Version: 13", "Version: 12"), "HTTP/1.1 426 ",
                        ProtocolViolation.UNSUPPORTED_VERSION, "Sec-WebSocket-Version: 13\r\n"),
                Arguments.of("POST", valid.replace("GET", "POST"), "HTTP/1.1 405 ", ProtocolViolation.METHOD_NOT_GET, "Allow: GET\r\n"),
                Arguments.of("HTTP/1.0", valid.replace("HTTP/1.1", "HTTP/1.0"), "HTTP/1.1 400 ", ProtocolViolation.HTTP_VERSION_TOO_OLD, ""),
                Arguments.of("a body", valid.replace("\r\n\r\n", "\r\nContent-Length: 6\r\n\r\n"), "HTTP/1.1 400 ",
                        ProtocolViolation.UPGRADE_WITH_BODY, ""),
                Arguments.of("a chunked body", valid.replace("\r\n\r\n", "\r\nTransfer-Encoding: chunked\r\n\r\n"),
                        "HTTP/1.1 400 ", ProtocolViolation.UPGRADE_WITH_BODY, ""),
                Arguments.of("no Host", valid.replace("Host: server.example.com\r\n", ""), "HTTP/1.1 400 ", ProtocolViolation.MISSING_HOST, ""),
                Arguments.of("key of 15 bytes", valid.replace(Rfc6455Examples.KEY, "AAAAAAAAAAAAAAAAAAAA"), "HTTP/1.1 400 ", ProtocolViolation.INVALID_KEY, ""),
                Arguments.of("no Connection: Upgrade", valid.replace("Connection: Upgrade", "Connection: keep-alive"),
                        "HTTP/1.1 400 ", ProtocolViolation.MISSING_CONNECTION_UPGRADE, ""),
                Arguments.of("bare LF line ends", valid.replace("\r\n", "\n"), "HTTP/1.1 400 ", ProtocolViolation.MALFORMED_REQUEST, ""),
                Arguments.of("space before colon", valid.replace("Host:", "Host :"), "HTTP/1.1 400 ", ProtocolViolation.MALFORMED_REQUEST, ""),
                Arguments.of("head above 8 KiB", valid.replace("\r\n\r\n", "\r\nX-Filler: " + "a".repeat(8200) + "\r\n\r\n"),
                        "HTTP/1.1 431 ", ProtocolViolation.REQUEST_HEADER_TOO_LARGE, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsWithACompleteResponseAndCloses(String name, String request, String statusLine,
                                               ProtocolViolation violation, String requiredHeader) {
        RecordingHandler events = new RecordingHandler();
        WebSocketEngine connection = WebSocketEngine.server(WebSocketConfig.defaults(), events, new TestClock());
        ByteBuffer in = ByteBuffer.wrap((request).getBytes(StandardCharsets.ISO_8859_1));
        connection.receive(in);
        String response = new String(drain(connection), StandardCharsets.ISO_8859_1);
        assertThat(response).startsWith(statusLine).contains(requiredHeader)
                .containsPattern("\r\nConnection: (Upgrade, )?close\r\n");
        int headEnd = response.indexOf("\r\n\r\n") + 4;
        assertThat(headEnd).isGreaterThan(3);
        assertThat(response.substring(headEnd)).isEqualTo(violation.description() + "\n");
        assertThat(response).contains("Content-Length: " + (violation.description().length() + 1) + "\r\n");
        assertThat(events.take()).containsExactly("error:" + violation);
        assertThat(connection.socket().state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
    }

    @Test
    void readsNothingAfterARejection() {
        RecordingHandler events = new RecordingHandler();
        WebSocketEngine connection = WebSocketEngine.server(WebSocketConfig.defaults(), events, new TestClock());
        connection.receive(ByteBuffer.wrap(Rfc6455Examples.OPENING_REQUEST.replace("13", "8").getBytes(StandardCharsets.US_ASCII)));
        drain(connection);
        ByteBuffer more = ByteBuffer.wrap(Rfc6455Examples.maskedHello());
        connection.receive(more);
        assertThat(more.hasRemaining()).as("discarded, not left for later").isFalse();
        assertThat(drain(connection)).isEmpty();
        assertThat(events.take()).containsExactly("error:UNSUPPORTED_VERSION");
    }

    @Test
    void servesAPlainRequestThroughTheHookOnTheSamePort() {
        WebSocketConfig config = WebSocketConfig.builder()
                .httpHandler(request -> HttpResponse.text(200, "ok " + request.path()))
                .build();
        RecordingHandler events = new RecordingHandler();
        WebSocketEngine connection = WebSocketEngine.server(config, events, new TestClock());
        connection.receive(ByteBuffer.wrap("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
        String response = new String(drain(connection), StandardCharsets.US_ASCII);
        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("Connection: close\r\n").endsWith("\r\n\r\nok /health");
        assertThat(events.take()).isEmpty();
        assertThat(connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
    }

    @Test
    void answersAPlainRequest426WithoutAHook() {
        WebSocketEngine connection = WebSocketEngine.server(WebSocketConfig.defaults(), new RecordingHandler(), new TestClock());
        connection.receive(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(new String(drain(connection), StandardCharsets.US_ASCII))
                .startsWith("HTTP/1.1 426 ").contains("Upgrade: websocket\r\n").contains("Sec-WebSocket-Version: 13\r\n");
    }

    @Test
    void refusesAnOriginThePolicyRejects() {
        WebSocketConfig config = WebSocketConfig.builder().originPolicy("https://good.example"::equals).build();
        RecordingHandler events = new RecordingHandler();
        WebSocketEngine connection = WebSocketEngine.server(config, events, new TestClock());
        connection.receive(ByteBuffer.wrap(Rfc6455Examples.OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII)));
        assertThat(new String(drain(connection), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 403 ");
        assertThat(events.take()).containsExactly("error:ORIGIN_REJECTED");
    }

    @Test
    void choosesTheServersPreferredSubprotocolAmongThoseOffered() {
        WebSocketConfig config = WebSocketConfig.builder().subprotocols("v2.chat", "chat").build();
        WebSocketEngine connection = WebSocketEngine.server(config, new RecordingHandler(), new TestClock());
        connection.receive(ByteBuffer.wrap(Rfc6455Examples.OPENING_REQUEST
                .replace("\r\n\r\n", "\r\nSec-WebSocket-Protocol: chat, v2.chat\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
        assertThat(new String(drain(connection), StandardCharsets.US_ASCII)).contains("Sec-WebSocket-Protocol: v2.chat\r\n");
        assertThat(connection.socket().subprotocol()).isEqualTo("v2.chat");
        assertThat(connection.socket().request().path()).isEqualTo("/chat");
    }

    @Test
    void dropsAStalledHandshakeWithoutAWord() {
        RecordingHandler events = new RecordingHandler();
        TestClock clock = new TestClock();
        WebSocketEngine connection = WebSocketEngine.server(WebSocketConfig.defaults(), events, clock);
        connection.receive(ByteBuffer.wrap("GET /chat HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)));
        clock.advance(Duration.ofSeconds(10));
        connection.wakeUp();
        assertThat(drain(connection)).isEmpty();
        assertThat(events.take()).containsExactly("error:HANDSHAKE_TIMEOUT");
        assertThat(connection.transportEnd()).isEqualTo(TransportEnd.ABORT);
    }

    @Test
    void answersARequestAnotherHttpStackParsedAsIfItsBytesHadArrived() {
        RecordingHandler events = new RecordingHandler();
        WebSocketEngine connection = WebSocketEngine.server(WebSocketConfig.defaults(), events, new TestClock());
        HttpHeadParser parser = HttpHeadParser.forRequests(8192);
        parser.parse(ByteBuffer.wrap(Rfc6455Examples.OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII)));
        connection.receiveUpgrade(parser.request());
        assertThat(new String(drain(connection), StandardCharsets.US_ASCII)).isEqualTo(Rfc6455Examples.OPENING_RESPONSE);
        assertThat(events.take()).containsExactly("open");
        connection.receive(ByteBuffer.wrap(Rfc6455Examples.maskedHello()));
        assertThat(events.take()).containsExactly("text:Hello");
        assertThatThrownBy(() -> connection.receiveUpgrade(parser.request())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsAnUpgradeRequestAnotherStackParsedWithItsStatus() {
        RecordingHandler events = new RecordingHandler();
        WebSocketEngine connection = WebSocketEngine.server(WebSocketConfig.defaults(), events, new TestClock());
        HttpHeadParser parser = HttpHeadParser.forRequests(8192);
        parser.parse(ByteBuffer.wrap(Rfc6455Examples.OPENING_REQUEST.replace("13", "12").getBytes(StandardCharsets.US_ASCII)));
        connection.receiveUpgrade(parser.request());
        assertThat(new String(drain(connection), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 426 ");
        assertThat(events.take()).containsExactly("error:UNSUPPORTED_VERSION");
        assertThat(connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
    }

    @Test
    void acceptsAHandshakeAndPipelinedFrameInAReadOnlyBuffer() {
        RecordingHandler events = new RecordingHandler();
        WebSocketEngine connection = WebSocketEngine.server(WebSocketConfig.defaults(), events, new TestClock());
        ByteBuffer in = ByteBuffer.wrap(Rfc6455Examples.concat(
                Rfc6455Examples.OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII), Rfc6455Examples.maskedHello())).asReadOnlyBuffer();
        connection.receive(in);
        assertThat(in.hasRemaining()).isFalse();
        assertThat(events.take()).containsExactly("open", "text:Hello");
    }
}
