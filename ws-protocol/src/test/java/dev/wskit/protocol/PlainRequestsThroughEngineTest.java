package dev.wskit.protocol;

import static dev.wskit.protocol.ServerUnderTest.drain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The plain-HTTP hook as the engine runs it: requests after requests on one connection while it
 * persists (RFC 9112 §9.3), each body read as its Content-Length frames it, within a bound; the
 * handshake timeout bounds each request and the idle time between them; and an upgrade may come
 * after plain requests on the same connection.
 */
class PlainRequestsThroughEngineTest {
    private static final String UPGRADE = Rfc6455Examples.OPENING_REQUEST;

    private final TestClock clock = new TestClock();
    private final RecordingHandler events = new RecordingHandler();

    /** A server whose hook answers "METHOD path body" as text. */
    private WebSocketEngine server(WebSocketConfig.Builder config) {
        return WebSocketEngine.server(config.httpHandler(PlainRequestsThroughEngineTest::echo).build(), events, clock);
    }

    private WebSocketEngine server() {
        return server(WebSocketConfig.builder());
    }

    private static HttpResponse echo(HttpRequest request) {
        return HttpResponse.text(200, request.method() + " " + request.path() + " "
                + new String(request.body(), StandardCharsets.UTF_8));
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String written(WebSocketEngine connection) {
        return new String(drain(connection), StandardCharsets.ISO_8859_1);
    }

    @Test
    void answersPipelinedRequestsInOrderThenUpgradesTheSameConnection() {
        WebSocketEngine connection = server();
        connection.receive(bytes("GET /page HTTP/1.1\r\nHost: x\r\n\r\nGET /api HTTP/1.1\r\nHost: x\r\n\r\n"));
        String answers = written(connection);
        assertThat(answers).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\n\r\nGET /page HTTP/1.1 200 OK\r\n")
                .endsWith("\r\n\r\nGET /api ").doesNotContain("Connection: close");
        assertThat(connection.transportEnd()).isEqualTo(TransportEnd.NONE);

        connection.receive(bytes(UPGRADE));
        assertThat(written(connection)).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        assertThat(connection.socket().state()).isEqualTo(ConnectionState.OPEN);
        assertThat(connection.socket().request().path()).isEqualTo("/chat");
        connection.receive(ByteBuffer.wrap(Rfc6455Examples.maskedHello()));
        assertThat(events.take()).containsExactly("open", "text:Hello");
    }

    @Test
    void givesTheHandlerTheBodyItsContentLengthFramesAcrossReads() {
        WebSocketEngine connection = server();
        connection.receive(bytes("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello"));
        assertThat(drain(connection)).as("nothing until the body is complete").isEmpty();
        connection.receive(bytes(" world"));
        assertThat(written(connection)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nPOST /echo hello world");
        connection.receive(bytes("GET /after HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertThat(written(connection)).as("the body's end is the next request's start").endsWith("GET /after ");
    }

    @Test
    void refusesABodyAboveTheLimitWith413AndCloses() {
        WebSocketEngine connection = server(WebSocketConfig.builder().maxHttpBodyBytes(10));
        ByteBuffer in = bytes("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world");
        connection.receive(in);
        assertThat(written(connection)).startsWith("HTTP/1.1 413 Content Too Large\r\n").contains("Connection: close\r\n");
        assertThat(events.take()).containsExactly("error:REQUEST_BODY_TOO_LARGE");
        assertThat(connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
    }

    @Test
    void takesABodyOfExactlyTheLimit() {
        WebSocketEngine connection = server(WebSocketConfig.builder().maxHttpBodyBytes(11));
        connection.receive(bytes("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world"));
        assertThat(written(connection)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("hello world");
    }

    @Test
    void refusesAChunkedBodyWith411() {
        WebSocketEngine connection = server();
        connection.receive(bytes("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
        assertThat(written(connection)).startsWith("HTTP/1.1 411 Length Required\r\n").contains("Connection: close\r\n");
        assertThat(events.take()).containsExactly("error:LENGTH_REQUIRED");
    }

    @Test
    void refusesAContentLengthThatIsNotOneNumberWith400() {
        for (String lengths : new String[] {"Content-Length: 5, 5", "Content-Length: -5", "Content-Length: 5\r\nContent-Length: 6"}) {
            RecordingHandler heard = new RecordingHandler();
            WebSocketEngine connection = WebSocketEngine.server(
                    WebSocketConfig.builder().httpHandler(PlainRequestsThroughEngineTest::echo).build(), heard, clock);
            connection.receive(bytes("POST /echo HTTP/1.1\r\nHost: x\r\n" + lengths + "\r\n\r\nhello"));
            assertThat(written(connection)).as(lengths).startsWith("HTTP/1.1 400 Bad Request\r\n");
            assertThat(heard.take()).containsExactly("error:INVALID_CONTENT_LENGTH");
        }
    }

    @Test
    void closesAfterTheAnswerWhenTheClientSaysClose() {
        WebSocketEngine connection = server();
        ByteBuffer in = bytes("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
        connection.receive(in);
        assertThat(written(connection)).contains("Connection: close\r\n").endsWith("GET /a ");
        assertThat(connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
        assertThat(in.hasRemaining()).as("the request after the last is discarded").isFalse();
    }

    /** Sends {@code request}: its answer says close, and TCP ends after it. */
    private static void answersOnceAndCloses(WebSocketEngine connection, String request) {
        connection.receive(bytes(request));
        assertThat(written(connection)).contains("Connection: close\r\n");
        assertThat(connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
    }

    @Test
    void closesAfterTheAnswerWhenTheHandlerSaysClose() {
        answersOnceAndCloses(WebSocketEngine.server(WebSocketConfig.builder()
                .httpHandler(request -> HttpResponse.text(200, "bye").withHeader("Connection", "close")).build(), events, clock),
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    }

    @Test
    void keepsAnHttp10ConnectionOnlyWhenItAsksForKeepAlive() {
        answersOnceAndCloses(server(), "GET / HTTP/1.0\r\n\r\n");

        WebSocketEngine keptAlive10 = server();
        keptAlive10.receive(bytes("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
        assertThat(written(keptAlive10)).contains("Connection: keep-alive\r\n");
        assertThat(keptAlive10.transportEnd()).isEqualTo(TransportEnd.NONE);
    }

    @Test
    void closesAfterAHeadAnswerWhoseBodyTheClientWouldNotRead() {
        answersOnceAndCloses(server(), "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
    }

    @Test
    void tellsAClientThatExpectsContinueToSendItsBody() {
        WebSocketEngine connection = server();
        connection.receive(bytes("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"));
        assertThat(written(connection)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        connection.receive(bytes("hi"));
        assertThat(written(connection)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("POST /echo hi");
    }

    @Test
    void eachRequestGetsTheHandshakeTimeoutAfresh() {
        WebSocketEngine connection = server(WebSocketConfig.builder().handshakeTimeout(Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(9));
        connection.receive(bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        drain(connection);
        assertThat(connection.nextWakeUp()).isEqualTo(clock.getAsLong() + Duration.ofSeconds(10).toNanos());
        clock.advance(Duration.ofSeconds(9));
        connection.wakeUp();
        assertThat(connection.transportEnd()).isEqualTo(TransportEnd.NONE);
        connection.receive(bytes(UPGRADE));
        assertThat(connection.socket().state()).isEqualTo(ConnectionState.OPEN);
    }

    /** A server with a 10 s handshake timeout that received {@code input}, answered, and then waited 10 s. */
    private WebSocketEngine timedOutAfter(String input) {
        WebSocketEngine connection = server(WebSocketConfig.builder().handshakeTimeout(Duration.ofSeconds(10)));
        connection.receive(bytes(input));
        drain(connection);
        clock.advance(Duration.ofSeconds(10));
        connection.wakeUp();
        return connection;
    }

    @Test
    void closesAnIdleKeptAliveConnectionGracefully() {
        WebSocketEngine connection = timedOutAfter("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(drain(connection)).isEmpty();
        assertThat(connection.transportEnd()).as("not a reset that could destroy the unread answer")
                .isEqualTo(TransportEnd.GRACEFUL);
        assertThat(events.take()).isEmpty();
    }

    @Test
    void dropsANextRequestThatStalls() {
        WebSocketEngine connection = timedOutAfter("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /sl");
        assertThat(connection.transportEnd()).isEqualTo(TransportEnd.ABORT);
        assertThat(events.take()).containsExactly("error:HANDSHAKE_TIMEOUT");
    }

    /** What follows an upgrade request is frames, so one that declares a body is refused: nothing after it is read. */
    @Test
    void refusesAnUpgradeRequestWithABodyAndReadsNothingAfterIt() {
        WebSocketEngine connection = server();
        String withLength = UPGRADE.replace("\r\n\r\n", "\r\nContent-Length: 4\r\n\r\n");
        ByteBuffer in = ByteBuffer.allocate(withLength.length() + Rfc6455Examples.maskedHello().length)
                .put(withLength.getBytes(StandardCharsets.ISO_8859_1)).put(Rfc6455Examples.maskedHello()).flip();
        connection.receive(in);
        assertThat(written(connection)).startsWith("HTTP/1.1 400 ");
        assertThat(events.take()).containsExactly("error:UPGRADE_WITH_BODY");
    }

    @Test
    void tagsEachAnswerWithTheResponseItEncodes() {
        WebSocketEngine connection = server();
        connection.receive(bytes("GET /page HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertThat(connection.pollOutbound()).isNotNull();
        assertThat(connection.answerOfPolled().status()).isEqualTo(200);
        connection.receive(bytes(UPGRADE));
        assertThat(connection.pollOutbound()).isNotNull();
        assertThat(connection.answerOfPolled().status()).isEqualTo(101);
        connection.socket().sendText("not an answer");
        assertThat(connection.pollOutbound()).isNotNull();
        assertThat(connection.answerOfPolled()).isNull();
    }

    @Test
    void closesAfterAPlainAnswerToARequestAnotherStackRead() {
        WebSocketEngine connection = server();
        connection.receiveUpgrade(new HttpRequest("GET", "/page", 1, 1, HttpHeaders.of("Host", "x")));
        assertThat(written(connection)).contains("Connection: close\r\n").endsWith("GET /page ");
        assertThat(connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
    }
}
