package dev.wskit.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.http.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The engine's plain-HTTP hook on the transport's own port: a page, an API call with a body and
 * the WebSocket, from one server, and several of them on one kept-alive connection (RFC 9112 §9.3).
 */
public interface PlainHttpCases extends TransportCases {
    Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: (\\d+)\r\n");

    /** A server whose hook answers "METHOD path body", bodies of at most 1 KiB, and whose WebSockets echo. */
    private static RecordingServer server(Kit kit) throws Exception {
        return kit.echoServer(WebSocketConfig.builder().maxHttpBodyBytes(1024)
                .httpHandler(request -> HttpResponse.text(200, request.method() + " " + request.path() + " "
                        + new String(request.body(), StandardCharsets.UTF_8)))
                .build());
    }

    /** One response: its head, then as many body bytes as its Content-Length says. */
    private static String readResponse(RawPeer peer) throws IOException {
        String head = peer.readHead();
        Matcher length = CONTENT_LENGTH.matcher(head);
        assertThat(length.find()).as("a Content-Length in " + head).isTrue();
        return head + new String(peer.readExactly(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    }

    @Test
    default void twoRequestsOnOneConnectionThenTheWebSocketOnIt(Kit kit) throws Exception {
        RecordingServer server = server(kit);
        RawPeer peer = kit.raw(server.port());
        peer.write("GET /page HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(readResponse(peer)).startsWith("HTTP/1.1 200 OK\r\n").doesNotContain("Connection: close")
                .endsWith("\r\n\r\nGET /page ");
        peer.write("POST /api HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(readResponse(peer)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nPOST /api hello");
        peer.upgrade();
        peer.write(RawPeer.masked(0x81, "same connection"));
        assertThat(new String(peer.readFrame(0x81), StandardCharsets.UTF_8)).isEqualTo("same connection");
        server.nextOpenConnection().expectText("same connection");
    }

    @Test
    default void theJdkHttpClientGetsThePageAndPostsABodyAndItsWebSocketEchoes(Kit kit) throws Exception {
        RecordingServer server = server(kit);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = URI.create("http://127.0.0.1:" + server.port());
        java.net.http.HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/page")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).isEqualTo("GET /page ");
        java.net.http.HttpResponse<String> call = http.send(HttpRequest.newBuilder(base.resolve("/api"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.body()).isEqualTo("POST /api {\"n\":1}");
        JdkRecorder ws = kit.jdk(server.uri("/chat"));
        ws.socket().sendText("beside the page", true);
        assertThat(ws.next()).isEqualTo("beside the page");
        assertThat(server.nextConnection().poll(Duration.ZERO))
                .as("both calls came on the one kept-alive connection, which never opened").isNull();
        server.nextOpenConnection().expectText("beside the page");
    }

    @Test
    default void aBodyAboveTheLimitGets413AndTheConnectionCloses(Kit kit) throws Exception {
        RecordingServer server = server(kit);
        RawPeer peer = kit.raw(server.port());
        peer.write("POST /api HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1025\r\n\r\n");
        assertThat(peer.readHead()).startsWith("HTTP/1.1 413 Content Too Large\r\n").contains("Connection: close\r\n");
        assertThat(new String(peer.readToEnd(), StandardCharsets.US_ASCII))
                .as("the body, then the connection closes").isEqualTo("request body above the configured limit\n");
        server.nextConnection().expect("error:REQUEST_BODY_TOO_LARGE");
    }
}
