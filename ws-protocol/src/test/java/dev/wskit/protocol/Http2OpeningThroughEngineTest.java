package dev.wskit.protocol;

import static dev.wskit.protocol.ServerUnderTest.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.handshake.Http2ServerHandshake;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.upgrade.Routes;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The engine opened by an HTTP/2 stream's request (RFC 8441): the same decision, routing and
 * limits as an HTTP/1.1 upgrade, then the same frame codec on the stream's bytes.
 */
class Http2OpeningThroughEngineTest {
    private final RecordingHandler events = new RecordingHandler();

    private static List<Map.Entry<String, String>> connect(String path, String... more) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(
                Map.entry(":method", "CONNECT"), Map.entry(":protocol", "websocket"), Map.entry(":scheme", "http"),
                Map.entry(":path", path), Map.entry(":authority", "localhost"),
                Map.entry("sec-websocket-version", "13")));
        for (int i = 0; i < more.length; i += 2) {
            fields.add(Map.entry(more[i], more[i + 1]));
        }
        return fields;
    }

    private WebSocketEngine server(WebSocketConfig config, UpgradeDecider decider) {
        return WebSocketEngine.server(config, decider, events, new TestClock());
    }

    /** The one answer the engine queued, as HTTP/2 header fields. */
    private static List<Map.Entry<String, String>> answerFields(WebSocketEngine engine) {
        ByteBuffer polled = engine.pollOutbound();
        assertThat(polled).isNotNull();
        HttpResponse answer = engine.answerOfPolled();
        assertThat(answer).isNotNull();
        return Http2ServerHandshake.responseFields(answer);
    }

    @Test
    void answers200ThenReadsMaskedFramesFromTheStream() {
        WebSocketEngine engine = server(WebSocketConfig.defaults(), request -> UpgradeDecision.accept(events));

        engine.receiveHttp2Request(connect("/chat"));

        assertThat(answerFields(engine)).containsExactly(Map.entry(":status", "200"));
        assertThat(events.take()).containsExactly("open");
        engine.receive(ByteBuffer.wrap(Rfc6455Examples.maskedHello()));
        assertThat(events.take()).containsExactly("text:Hello");
        assertThatThrownBy(() -> engine.receiveHttp2Request(connect("/chat"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clientFramesMustStillBeMasked() {
        WebSocketEngine engine = server(WebSocketConfig.defaults(), request -> UpgradeDecision.accept(events));
        engine.receiveHttp2Request(connect("/chat"));
        drain(engine);
        events.take();

        engine.receive(ByteBuffer.wrap(Rfc6455Examples.unmaskedHello()));

        assertThat(events.take()).containsExactly("error:UNMASKED_CLIENT_FRAME", "close:1002:");
    }

    @Test
    void routesAsOverHttp11AndAnUnknownPathGets404() {
        Routes routes = Routes.builder().exact("/chat", () -> events).build();
        WebSocketEngine engine = server(WebSocketConfig.defaults(), routes);

        engine.receiveHttp2Request(connect("/nowhere"));

        assertThat(answerFields(engine)).startsWith(Map.entry(":status", "404"))
                .extracting(Map.Entry::getKey).doesNotContain("connection");
        assertThat(engine.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
    }

    @Test
    void theDecisionNamesTheSubprotocolAndAddsFields() {
        WebSocketEngine engine = server(WebSocketConfig.defaults(),
                request -> UpgradeDecision.accept(events).withSubprotocol("chat").withHeader("x-node", "a"));

        engine.receiveHttp2Request(connect("/chat", "sec-websocket-protocol", "mqtt, chat"));

        assertThat(answerFields(engine)).containsExactly(Map.entry(":status", "200"),
                Map.entry("sec-websocket-protocol", "chat"), Map.entry("x-node", "a"));
        assertThat(engine.socket().subprotocol()).isEqualTo("chat");
    }

    @Test
    void aDecisionThatComesLaterIsAnsweredWhenItComes() {
        CompletableFuture<UpgradeDecision> later = new CompletableFuture<>();
        WebSocketEngine engine = server(WebSocketConfig.defaults(), request -> UpgradeDecision.later(later));

        engine.receiveHttp2Request(connect("/chat"));

        assertThat(engine.pollOutbound()).isNull();
        engine.takeAwaitedDecision();
        engine.upgradeDecided(UpgradeDecision.reject(403, "not you\n"));
        List<Map.Entry<String, String>> answer = answerFields(engine);
        assertThat(answer).startsWith(Map.entry(":status", "403"));
    }

    @Test
    void aBrokenRuleIsAnsweredWithItsStatus() {
        WebSocketEngine engine = server(WebSocketConfig.defaults(), request -> UpgradeDecision.accept(events));
        List<Map.Entry<String, String>> noProtocol = connect("/chat");
        noProtocol.removeIf(field -> field.getKey().equals(":protocol"));

        engine.receiveHttp2Request(noProtocol);

        assertThat(answerFields(engine)).startsWith(Map.entry(":status", "400"));
        assertThat(events.take()).containsExactly("error:CONNECT_WITHOUT_PROTOCOL");
    }

    @Test
    void aPlainStreamGetsTheHttpHandlersAnswer() {
        WebSocketConfig config = WebSocketConfig.builder()
                .httpHandler(request -> HttpResponse.text(200, "hello over h2\n")).build();
        WebSocketEngine engine = server(config, request -> UpgradeDecision.accept(events));

        engine.receiveHttp2Request(List.of(Map.entry(":method", "GET"), Map.entry(":scheme", "http"),
                Map.entry(":path", "/"), Map.entry(":authority", "localhost")));

        assertThat(answerFields(engine)).startsWith(Map.entry(":status", "200"));
        assertThat(new String(engine.answerOfPolled().body(), StandardCharsets.UTF_8)).isEqualTo("hello over h2\n");
        assertThat(engine.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
    }
}
