package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ServerHandshake;
import dev.wskit.protocol.upgrade.Routes;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import dev.wskit.testkit.kit.JdkRecorder;
import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.RawPeer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * wskit mounted on the application's own Vert.x {@code HttpServer}: {@code GET /hello} is the
 * application's, {@code /ws} and its neighbours are wskit's WebSockets, on one port, and the
 * engine gives every upgrade request the answer wskit's own servers give.
 */
@Timeout(30)
@ExtendWith(Kit.Extension.class)
class HttpServerMountTest {
    private static final String UPGRADE_WS = RawPeer.UPGRADE.replace("GET /chat ", "GET /ws ");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Vertx vertx;
    private static HttpServer server;
    private static int port;

    @BeforeAll
    static void startAnHttpServerWithWebSocketRoutes() throws Exception {
        vertx = Vertx.vertx();
        Routes routes = Routes.builder()
                .exact("/ws", Kit::echo)
                .exact("/forbidden", request -> UpgradeDecision.reject(403, "not for you\n"))
                .exact("/later", request -> UpgradeDecision.later(CompletableFuture.supplyAsync(
                        () -> UpgradeDecision.accept(new AttributeTeller()).withAttribute("user", "alice"))))
                .build();
        VertxUpgradeHandler upgrades = VertxUpgradeHandler.create(WebSocketConfig.defaults(), routes);
        server = vertx.createHttpServer().requestHandler(upgrades.orElse(request -> {
            if (request.path().equals("/hello")) {
                request.response().putHeader("Content-Type", "text/plain").end("hello from Vert.x");
            } else {
                request.response().setStatusCode(404).end();
            }
        })).listen(0, "127.0.0.1").await(20, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(20, TimeUnit.SECONDS);
    }

    /** Sends back the attribute the upgrade decision set. */
    private static final class AttributeTeller implements WebSocketHandler {
        @Override
        public void onText(WebSocket socket, String text) {
            socket.sendText(text + " " + socket.attributes().get("user"));
        }
    }

    private static URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("http", path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void plainRequestsAreTheApplicationsOnAKeptAliveConnection() throws Exception {
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = get("/hello");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello from Vert.x");
        }
        assertThat(get("/ws").statusCode()).as("not an upgrade: the application's 404").isEqualTo(404);
    }

    @Test
    void theJdkWebSocketClientEchoesThroughTheMountWhileHttpGoesOn(Kit kit) throws Exception {
        JdkRecorder client = kit.jdk(uri("ws", "/ws?room=1"));
        client.socket().sendText("on the HTTP server's port", true);
        assertThat(client.next()).isEqualTo("on the HTTP server's port");
        assertThat(get("/hello").body()).as("HTTP beside an open WebSocket").isEqualTo("hello from Vert.x");
        client.socket().sendText("still open", true);
        assertThat(client.next()).isEqualTo("still open");
    }

    @Test
    void aDecisionThatComesLaterOpensWithItsAttributes(Kit kit) throws Exception {
        JdkRecorder client = kit.jdk(uri("ws", "/later"));
        client.socket().sendText("hello", true);
        assertThat(client.next()).isEqualTo("hello alice");
    }

    @Test
    void aRejectionOfTheDeciderGetsItsStatus() {
        assertThatThrownBy(() -> Kit.await(HTTP.newWebSocketBuilder()
                .buildAsync(uri("ws", "/forbidden"), new java.net.http.WebSocket.Listener() { }).toCompletableFuture()))
                .isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void aPathOffTheRoutesGets404FromTheEngine(Kit kit) throws Exception {
        RawPeer peer = kit.raw(port);
        peer.write(UPGRADE_WS.replace("GET /ws ", "GET /nowhere "));
        assertThat(peer.readHead()).startsWith("HTTP/1.1 404 Not Found\r\n").contains("Connection: close\r\n");
        assertThat(new String(peer.readToEnd(), StandardCharsets.UTF_8)).isEqualTo("no WebSocket at /nowhere\n");
    }

    @Test
    void aBadUpgradeGetsTheEnginesExactAnswerAndOthersAreUnaffected(Kit kit) throws Exception {
        JdkRecorder open = kit.jdk(uri("ws", "/ws"));
        RawPeer peer = kit.raw(port);
        peer.write(UPGRADE_WS.replace("Version: 13", "Version: 12"));
        dev.wskit.protocol.http.HttpResponse expected = ServerHandshake.reject(ProtocolViolation.UNSUPPORTED_VERSION).response();
        String head = peer.readHead();
        assertThat(head).startsWith("HTTP/1.1 426 Upgrade Required\r\n");
        expected.headers().forEach((name, value) -> assertThat(head).containsIgnoringCase(name + ": " + value + "\r\n"));
        assertThat(peer.readToEnd()).as("the body, then the connection closes").isEqualTo(expected.body());

        RawPeer badKey = kit.raw(port);
        badKey.write(UPGRADE_WS.replace("dGhlIHNhbXBsZSBub25jZQ==", "AAAAAAAAAAAAAAAAAAAA"));
        assertThat(badKey.readHead()).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(new String(badKey.readToEnd(), StandardCharsets.US_ASCII)).isEqualTo("Sec-WebSocket-Key must be base64 of 16 bytes\n");

        open.socket().sendText("unaffected", true);
        assertThat(open.next()).isEqualTo("unaffected");
        assertThat(get("/hello").statusCode()).isEqualTo(200);
    }

    @Test
    void theEnginesAcceptIsWhatVertxWrites(Kit kit) throws Exception {
        RawPeer peer = kit.raw(port);
        peer.write(UPGRADE_WS);
        assertThat(peer.readHead()).isEqualTo("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
        peer.write(RawPeer.masked(0x81, "raw"));
        assertThat(new String(peer.readFrame(0x81), StandardCharsets.UTF_8)).isEqualTo("raw");
    }
}
