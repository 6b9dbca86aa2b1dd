package dev.wskit.protocol.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What an application reads from an upgrade request, and the checks on what it answers. */
class UpgradeApiTest {
    private static final WebSocketHandler HANDLER = new WebSocketHandler() { };

    @Test
    void queryParametersAreFormDecodedInOrderWithRepeatsKept() {
        UpgradeRequest request = request("/ws?a=1&b=x+y&a=2&c=%E2%82%AC&d&e=%zz&&f=%4");
        assertThat(request.queryParameters()).containsExactly(
                Map.entry("a", List.of("1", "2")), Map.entry("b", List.of("x y")), Map.entry("c", List.of("€")),
                Map.entry("d", List.of("")), Map.entry("e", List.of("%zz")), Map.entry("f", List.of("%4")));
        assertThat(request.queryParameter("a")).contains("1");
        assertThat(request.queryParameter("z")).isEmpty();
        assertThat(request("/ws").queryParameters()).isEmpty();
    }

    @Test
    void cookiesComeFromEveryCookieLineAndTheFirstOfANameWins() {
        UpgradeRequest request = new UpgradeRequest(new HttpRequest("GET", "/", 1, 1, HttpHeaders.of(
                "Host", "x", "Cookie", "a=1; b=\"two\"", "Cookie", "a=3;c=;junk")), null, null);
        assertThat(request.cookies()).containsExactly(Map.entry("a", "1"), Map.entry("b", "\"two\""), Map.entry("c", ""));
        assertThat(request.cookie("b")).contains("\"two\"");
        assertThat(request.remoteAddress()).isEmpty();
        assertThat(request.tlsSession()).isEmpty();
    }

    @Test
    void routesPickTheExactPathThenTheLongestPrefixElse404() {
        Routes routes = Routes.builder()
                .exact("/chat", () -> HANDLER)
                .prefix("/rooms/", request -> UpgradeDecision.reject(418))
                .prefix("/rooms/private/", request -> UpgradeDecision.reject(403))
                .build();
        assertThat(routes.decide(request("/chat?x=1")).isAccepted()).isTrue();
        assertThat(routes.decide(request("/rooms/7")).status()).isEqualTo(418);
        assertThat(routes.decide(request("/rooms/private/9")).status()).isEqualTo(403);
        UpgradeDecision unknown = routes.decide(request("/chat/more"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(new String(unknown.body())).isEqualTo("no WebSocket at /chat/more\n");
    }

    @Test
    void aRouteIsDeclaredOnceAndStartsWithASlash() {
        assertThatThrownBy(() -> Routes.builder().exact("/a", () -> HANDLER).exact("/a", () -> HANDLER))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("route declared twice: /a");
        assertThatThrownBy(() -> Routes.builder().prefix("a/", () -> HANDLER))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a route's path starts with '/': a/");
    }

    @Test
    void aRejectionIsA4xxOr5xxWithASmallBody() {
        assertThatThrownBy(() -> UpgradeDecision.reject(302)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a rejection is a 4xx or 5xx status, not 302");
        assertThatThrownBy(() -> UpgradeDecision.reject(400, "x".repeat(UpgradeDecision.MAX_REJECTION_BODY_BYTES + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new String(UpgradeDecision.reject(409).body())).isEqualTo("upgrade refused (409)\n");
    }

    @Test
    void whatEachKindOfDecisionMayCarry() {
        assertThatThrownBy(() -> UpgradeDecision.reject(403).withSubprotocol("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> UpgradeDecision.reject(403).withAttribute("user", "ann")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> UpgradeDecision.later(new CompletableFuture<>()).withHeader("X-A", "1"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> UpgradeDecision.accept(HANDLER).withHeader("Sec-WebSocket-Accept", "forged"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Sec-WebSocket-Accept is written by the handshake itself");
        UpgradeDecision accepted = UpgradeDecision.accept(HANDLER).withAttribute("user", "ann").withHeader("X-A", "1");
        assertThat(accepted.attributes()).containsExactly(Map.entry("user", "ann"));
        assertThat(accepted.headers().first("X-A")).isEqualTo("1");
        assertThat(UpgradeDecision.reject(403).withHeader("X-Why", "banned").headers().first("X-Why")).isEqualTo("banned");
    }

    private static UpgradeRequest request(String target) {
        return new UpgradeRequest(new HttpRequest("GET", target, 1, 1, HttpHeaders.of("Host", "x")), null, null);
    }
}
