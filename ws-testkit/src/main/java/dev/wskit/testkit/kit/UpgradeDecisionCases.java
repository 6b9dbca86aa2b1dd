package dev.wskit.testkit.kit;

import static dev.wskit.testkit.kit.Kit.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.upgrade.Routes;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The application decides on the upgrade request before the {@code 101}: what it sees (headers,
 * cookies, query, offered subprotocols), and each answer as a client others wrote receives it.
 */
public interface UpgradeDecisionCases extends TransportCases {

    @Test
    default void theJdkClientsBearerTokenAndCookieDecideAndTheHandlerReadsTheUserBack(Kit kit) throws Exception {
        Recorder serverSide = kit.recorder("server connection");
        TransportUnderTest.Server server = kit.server(WebSocketConfig.defaults(), request -> {
            boolean bearer = request.header("Authorization").filter("Bearer t0ken"::equals).isPresent();
            String session = request.cookie("session").orElse("");
            if (!bearer || !session.equals("abc")) {
                return UpgradeDecision.reject(401);
            }
            return UpgradeDecision.accept(serverSide).withSubprotocol("chat.v2")
                    .withHeader("Set-Cookie", "seen=1").withAttribute("user", "ann")
                    .withAttribute("room", request.queryParameter("room").orElse("?"));
        });
        JdkRecorder jdk = kit.jdk(uri(server, "/chat?room=7"), kit.jdkBuilder()
                .header("Authorization", "Bearer t0ken").header("Cookie", "session=abc")
                .subprotocols("chat.v1", "chat.v2"));
        serverSide.expect("open");
        WebSocket socket = serverSide.socket();
        assertThat(socket.attributes()).containsEntry("user", "ann").containsEntry("room", "7");
        assertThat(socket.subprotocol()).isEqualTo("chat.v2");
        assertThat(jdk.socket().getSubprotocol()).isEqualTo("chat.v2");
        await(jdk.socket().sendText("hello", true));
        serverSide.expectText("hello");
    }

    @Test
    default void aRejectionReachesTheJdkClientWithItsStatus(Kit kit) throws Exception {
        TransportUnderTest.Server server = kit.server(WebSocketConfig.defaults(),
                request -> UpgradeDecision.reject(403, "not on the list\n"));
        Throwable failure = Kit.failureOf(kit.jdkBuilder().buildAsync(uri(server, "/chat"),
                new java.net.http.WebSocket.Listener() { }));
        assertThat(failure).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) failure).getResponse().statusCode()).isEqualTo(403);
    }

    @Test
    default void nettysClientIsDecidedOnByItsHeaderAndSeesARejectionsStatus(Kit kit) throws Exception {
        Recorder serverSide = kit.echoingRecorder("server connection");
        TransportUnderTest.Server server = kit.server(WebSocketConfig.defaults(), request ->
                request.header("X-Api-Key").filter("k1"::equals).isPresent()
                        ? UpgradeDecision.accept(serverSide)
                        : UpgradeDecision.reject(401, "key required\n"));
        NettyPeer netty = kit.netty(uri(server, "/chat"), new DefaultHttpHeaders().add("X-Api-Key", "k1"));
        serverSide.expect("open");
        netty.sendText("with a key");
        serverSide.expectText("with a key");
        assertThat(netty.events().nextText()).isEqualTo("with a key");
        Throwable refused = kit.nettyRefused(uri(server, "/chat"));
        assertThat(refused).isInstanceOf(WebSocketClientHandshakeException.class);
        assertThat(((WebSocketClientHandshakeException) refused).response().status().code()).isEqualTo(401);
    }

    @Test
    default void aRejectionIsACompleteResponseThenAGracefulEndAndTouchesNobodyElse(Kit kit) throws Exception {
        Recorder neighbour = kit.echoingRecorder("neighbour connection");
        TransportUnderTest.Server server = kit.server(WebSocketConfig.defaults(), request -> request.path().equals("/taken")
                ? UpgradeDecision.reject(409, "name taken\n").withHeader("X-Reason", "taken")
                : UpgradeDecision.accept(neighbour));
        Recorder neighbourClient = kit.connect(uri(server, "/free"));
        neighbour.expect("open");
        RawPeer peer = kit.raw(server.port());
        peer.write(RawPeer.UPGRADE.replace("GET /chat ", "GET /taken "));
        String answer = new String(peer.readToEnd(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 409 Conflict\r\n").contains("\r\nX-Reason: taken\r\n")
                .contains("\r\nConnection: close\r\n").contains("\r\nContent-Length: 11\r\n")
                .endsWith("\r\n\r\nname taken\n");
        assertThat(peer.endedByReset()).as("the whole response, then a FIN").isFalse();
        neighbourClient.socket().sendText("still here");
        neighbour.expectText("still here");
        neighbourClient.expectText("still here");
    }

    @Test
    default void aDecisionThatComesASecondLaterOpensTheConnection(Kit kit) throws Exception {
        Recorder serverSide = kit.recorder("server connection");
        TransportUnderTest.Server server = kit.server(WebSocketConfig.defaults(), request -> UpgradeDecision.later(
                CompletableFuture.supplyAsync(() -> UpgradeDecision.accept(serverSide).withAttribute("user", "late"),
                        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))));
        Recorder client = kit.connect(uri(server, "/chat"));
        serverSide.expect("open");
        assertThat(serverSide.socket().attributes()).containsEntry("user", "late");
        client.socket().sendText("after the wait");
        serverSide.expectText("after the wait");
    }

    @Test
    default void aDecisionThatNeverComesIsAnswered503AtTheHandshakeTimeout(Kit kit) throws Exception {
        WebSocketConfig config = WebSocketConfig.builder().handshakeTimeout(Duration.ofMillis(500)).build();
        TransportUnderTest.Server server = kit.server(config, request -> UpgradeDecision.later(new CompletableFuture<>()));
        RawPeer peer = kit.raw(server.port());
        peer.write(RawPeer.UPGRADE);
        String answer = new String(peer.readToEnd(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 503 Service Unavailable\r\n").contains("\r\nConnection: close\r\n")
                .endsWith(ProtocolViolation.UPGRADE_DECISION_TIMEOUT.description() + "\n");
        assertThat(peer.endedByReset()).as("the whole response, then a FIN").isFalse();
    }

    @Test
    default void routesServeTheirPathsAndAnswer404ForTheRest(Kit kit) throws Exception {
        Recorder chat = kit.echoingRecorder("chat connection");
        TransportUnderTest.Server server = kit.server(WebSocketConfig.defaults(), Routes.builder()
                .exact("/chat", () -> chat)
                .prefix("/admin/", request -> UpgradeDecision.reject(403))
                .build());
        RawPeer unknown = kit.raw(server.port());
        unknown.write(RawPeer.UPGRADE.replace("GET /chat ", "GET /nope "));
        assertThat(new String(unknown.readToEnd(), StandardCharsets.UTF_8))
                .startsWith("HTTP/1.1 404 Not Found\r\n").endsWith("\r\n\r\nno WebSocket at /nope\n");
        RawPeer admin = kit.raw(server.port());
        admin.write(RawPeer.UPGRADE.replace("GET /chat ", "GET /admin/users "));
        assertThat(new String(admin.readToEnd(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 403 Forbidden\r\n");
        Recorder client = kit.connect(uri(server, "/chat"));
        chat.expect("open");
        client.socket().sendText("routed");
        chat.expectText("routed");
        client.expectText("routed");
    }

    private static URI uri(TransportUnderTest.Server server, String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery);
    }
}
