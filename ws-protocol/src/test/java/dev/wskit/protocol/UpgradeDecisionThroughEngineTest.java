package dev.wskit.protocol;

import static dev.wskit.protocol.ServerUnderTest.drain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import dev.wskit.protocol.upgrade.UpgradeRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The application's upgrade decision as the engine runs it: seen only for a valid request, then
 * the 101 with what the decision adds, the decision's own rejection, or a wait for a decision that
 * comes later, bounded by the handshake timeout.
 */
class UpgradeDecisionThroughEngineTest {
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    private static final String REQUEST = "GET /rooms/7?user=ann+lee&token=a%2Fb HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: " + Rfc6455Examples.KEY + "\r\n"
            + "Sec-WebSocket-Protocol: chat.v1, chat.v2\r\n"
            + "Cookie: session=s3cr3t; theme=dark\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";

    private final TestClock clock = new TestClock();
    private final RecordingHandler beforeOpen = new RecordingHandler();
    private final RecordingHandler decided = new RecordingHandler();

    @Test
    void anAcceptedUpgradeOpensWithTheDecisionsHandlerSubprotocolHeadersAndAttributes() {
        UpgradeRequest[] seen = new UpgradeRequest[1];
        WebSocketEngine connection = server(request -> {
            seen[0] = request;
            return UpgradeDecision.accept(decided).withSubprotocol("chat.v2")
                    .withHeader("Set-Cookie", "seen=1").withAttribute("user", request.cookie("session").orElseThrow());
        });
        connection.receive(ascii(REQUEST));
        String response = text(drain(connection));
        assertThat(response).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                .contains("\r\nSec-WebSocket-Accept: " + Rfc6455Examples.ACCEPT + "\r\n")
                .contains("\r\nSec-WebSocket-Protocol: chat.v2\r\n")
                .endsWith("\r\nSet-Cookie: seen=1\r\n\r\n");
        assertThat(seen[0].path()).isEqualTo("/rooms/7");
        assertThat(seen[0].queryParameters()).isEqualTo(Map.of("user", List.of("ann lee"),
                "token", List.of("a/b")));
        assertThat(seen[0].cookies()).containsExactly(Map.entry("session", "s3cr3t"), Map.entry("theme", "dark"));
        assertThat(seen[0].offeredSubprotocols()).containsExactly("chat.v1", "chat.v2");
        assertThat(connection.socket().attributes()).containsExactly(Map.entry("user", "s3cr3t"));
        assertThat(connection.socket().subprotocol()).isEqualTo("chat.v2");
        connection.receive(ByteBuffer.wrap(Rfc6455Examples.maskedHello()));
        assertThat(decided.take()).containsExactly("open", "text:Hello");
        assertThat(beforeOpen.take()).isEmpty();
    }

    @Test
    void aRejectionIsTheDecisionsCompleteResponseThenTheEnd() {
        WebSocketEngine connection = server(request -> UpgradeDecision.reject(401, "log in first\n")
                .withHeader("WWW-Authenticate", "Bearer"));
        connection.receive(ascii(REQUEST));
        String response = text(drain(connection));
        assertThat(response).startsWith("HTTP/1.1 401 Unauthorized\r\n")
                .contains("\r\nWWW-Authenticate: Bearer\r\n")
                .contains("\r\nContent-Length: 13\r\n")
                .contains("\r\nConnection: close\r\n")
                .endsWith("\r\n\r\nlog in first\n");
        assertThat(connection.socket().state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
        assertThat(beforeOpen.take()).as("the application's own answer is not an error").isEmpty();
    }

    @Test
    void aDecisionThatComesLaterHoldsTheInputUntilItComes() {
        CompletableFuture<UpgradeDecision> lookup = new CompletableFuture<>();
        WebSocketEngine connection = server(request -> UpgradeDecision.later(lookup));
        ByteBuffer requestThenFrame = ByteBuffer.wrap(Rfc6455Examples.concat(REQUEST.getBytes(StandardCharsets.US_ASCII),
                Rfc6455Examples.maskedHello()));
        connection.receive(requestThenFrame);
        assertThat(connection.isPaused()).as("reads nothing while deciding").isTrue();
        assertThat(requestThenFrame.remaining()).as("the frame waits").isEqualTo(Rfc6455Examples.maskedHello().length);
        assertThat(drain(connection)).isEmpty();
        CompletionStage<UpgradeDecision> awaited = connection.takeAwaitedDecision();
        assertThat(awaited).isNotNull();
        assertThat(connection.takeAwaitedDecision()).as("taken once").isNull();

        lookup.complete(UpgradeDecision.accept(decided));
        connection.upgradeDecided(awaited.toCompletableFuture().join());
        assertThat(text(drain(connection))).startsWith("HTTP/1.1 101 ");
        assertThat(connection.isPaused()).isFalse();
        connection.receive(requestThenFrame);
        assertThat(decided.take()).containsExactly("open", "text:Hello");
    }

    @Test
    void aDecisionThatNeverComesIsAnswered503AtTheHandshakeTimeout() {
        WebSocketEngine connection = server(request -> UpgradeDecision.later(new CompletableFuture<>()));
        connection.receive(ascii(REQUEST));
        clock.advance(HANDSHAKE_TIMEOUT);
        connection.wakeUp();
        String response = text(drain(connection));
        assertThat(response).startsWith("HTTP/1.1 503 Service Unavailable\r\n").contains("\r\nConnection: close\r\n")
                .endsWith(ProtocolViolation.UPGRADE_DECISION_TIMEOUT.description() + "\n");
        assertThat(beforeOpen.take()).containsExactly("error:UPGRADE_DECISION_TIMEOUT");
        assertThat(connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
        connection.upgradeDecided(UpgradeDecision.accept(decided));
        assertThat(drain(connection)).as("too late: nothing more").isEmpty();
        assertThat(decided.take()).isEmpty();
    }

    @Test
    void aDeciderThatThrowsIsAnswered500() {
        assertAnswered500(server(request -> {
            throw new IllegalStateException("database down");
        }));
    }

    @Test
    void aSubprotocolTheClientDidNotOfferIsAnswered500() {
        assertAnswered500(server(request -> UpgradeDecision.accept(decided).withSubprotocol("chat.v3")));
    }

    @Test
    void aNullDecisionIsAnswered500() {
        assertAnswered500(server(request -> null));
    }

    @Test
    void aLaterDecisionThatFailsIsAnswered500() {
        WebSocketEngine connection = server(request -> UpgradeDecision.later(new CompletableFuture<>()));
        connection.receive(ascii(REQUEST));
        connection.upgradeDecisionFailed(new IllegalStateException("lookup failed"));
        assertAnswered500(connection);
    }

    @Test
    void anInvalidRequestNeverReachesTheDecider() {
        boolean[] asked = new boolean[1];
        WebSocketEngine connection = server(request -> {
            asked[0] = true;
            return UpgradeDecision.accept(decided);
        });
        connection.receive(ascii(REQUEST.replace("Version: 13", "Version: 12")));
        assertThat(text(drain(connection))).startsWith("HTTP/1.1 426 ");
        assertThat(asked[0]).isFalse();
        assertThat(beforeOpen.take()).containsExactly("error:UNSUPPORTED_VERSION");
    }

    /** With compression on, a malformed offer is refused before the decision, which is then never undone. */
    @Test
    void aMalformedExtensionOfferNeverReachesTheDecider() {
        boolean[] asked = new boolean[1];
        WebSocketConfig config = WebSocketConfig.builder().handshakeTimeout(HANDSHAKE_TIMEOUT)
                .perMessageDeflate(PerMessageDeflateConfig.defaults()).build();
        WebSocketEngine connection = WebSocketEngine.server(config, request -> {
            asked[0] = true;
            return UpgradeDecision.accept(decided);
        }, beforeOpen, clock);
        connection.receive(ascii(REQUEST.replace("Sec-WebSocket-Version", "Sec-WebSocket-Extensions: permessage-deflate; \"x\r\nSec-WebSocket-Version")));
        assertThat(text(drain(connection))).startsWith("HTTP/1.1 400 ");
        assertThat(asked[0]).isFalse();
        assertThat(beforeOpen.take()).containsExactly("error:MALFORMED_EXTENSIONS");
    }

    private void assertAnswered500(WebSocketEngine connection) {
        connection.receive(ascii(REQUEST));
        String response = text(drain(connection));
        assertThat(response).startsWith("HTTP/1.1 500 Internal Server Error\r\n")
                .endsWith(ProtocolViolation.UPGRADE_DECISION_FAILED.description() + "\n");
        assertThat(beforeOpen.take()).containsExactly("error:UPGRADE_DECISION_FAILED");
        assertThat(connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
        assertThat(decided.take()).isEmpty();
    }

    private WebSocketEngine server(UpgradeDecider decider) {
        WebSocketConfig config = WebSocketConfig.builder().handshakeTimeout(HANDSHAKE_TIMEOUT).build();
        return WebSocketEngine.server(config, decider, beforeOpen, clock);
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
