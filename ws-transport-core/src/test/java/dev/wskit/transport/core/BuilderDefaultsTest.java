package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.WebSocketUri;
import dev.wskit.protocol.proxy.HttpProxy;
import dev.wskit.protocol.proxy.ProxyTunnel;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a server or client gets when a setting is left alone, the same on every transport. */
class BuilderDefaultsTest {
    static final class Server extends ServerBuilder<Server> {
        @Override
        public WebSocketServer build() {
            throw new UnsupportedOperationException("only the settings are looked at");
        }

        ServerSettings settingsNow() {
            return settings();
        }
    }

    static final class Client extends ClientBuilder<Client> {
        ClientSettings settingsNow() {
            return settings();
        }
    }

    @Test
    void aServerListensOnLoopbackOnAFreePortWithTheDefaultConfig() {
        ServerSettings settings = new Server().handler(() -> new WebSocketHandler() { }).settingsNow();
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isZero();
        assertThat(settings.config()).usingRecursiveComparison().ignoringFields("random").isEqualTo(WebSocketConfig.defaults());
    }

    @Test
    void aServerNeedsAHandlerOrADecider() {
        assertThatThrownBy(() -> new Server().settingsNow()).isInstanceOf(IllegalStateException.class)
                .hasMessage("no handler: call handler(...) or upgrade(...) before build()");
        ServerSettings nullHandlers = new Server().handler(() -> null).settingsNow();
        assertThatThrownBy(nullHandlers::newHandler).isInstanceOf(NullPointerException.class)
                .hasMessage("the handler supplier returned null");
    }

    @Test
    void theLaterOfHandlerAndUpgradeWins() {
        UpgradeDecider decider = request -> UpgradeDecision.reject(403);
        ServerSettings decided = new Server().handler(() -> new WebSocketHandler() { }).upgrade(decider).settingsNow();
        assertThat(decided.decider()).isSameAs(decider);
        assertThat(decided.handlers()).isNull();
        ServerSettings handled = new Server().upgrade(decider).handler(() -> new WebSocketHandler() { }).settingsNow();
        assertThat(handled.decider()).isNull();
        assertThat(handled.handlers()).isNotNull();
    }

    @Test
    void aBindFailureNamesTheAddressAndTheReason() {
        ServerSettings settings = new Server().host("::1").port(8080).handler(() -> new WebSocketHandler() { }).settingsNow();
        assertThat(settings.bindFailed(new java.net.BindException("Address already in use")))
                .hasMessage("cannot listen on [::1]:8080: Address already in use")
                .hasCauseInstanceOf(java.net.BindException.class);
    }

    @Test
    void aClientWaitsTenSecondsToConnectAndSendsNoExtraFields() {
        ClientSettings settings = new Client().settingsNow();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.connectTimeoutMillis()).isEqualTo(10_000);
        assertThat(settings.headers()).isEmpty();
        assertThat(settings.origin()).isNull();
        assertThat(settings.proxy()).isNull();
        assertThat(settings.tunnelTo(WebSocketUri.of(URI.create("ws://example.com/")))).isEmpty();
    }

    @Test
    void aClientWithAProxyTunnelsToEachTargetsHostAndPort() {
        ClientSettings settings = new Client().proxy(HttpProxy.parse("http://proxy.example:3128")).settingsNow();
        ProxyTunnel tunnel = settings.tunnelTo(WebSocketUri.of(URI.create("wss://example.com/chat"))).orElseThrow();
        assertThat(tunnel.proxy()).isEqualTo(HttpProxy.of("proxy.example", 3128));
        assertThat(StandardCharsets.ISO_8859_1.decode(tunnel.request()).toString())
                .startsWith("CONNECT example.com:443 HTTP/1.1\r\n");
        assertThatThrownBy(() -> new Client().proxy(null)).isInstanceOf(NullPointerException.class).hasMessage("proxy");
    }

    @Test
    void aClientsHeadersAndOriginGoOnEveryOpeningRequestInOrder() {
        ClientSettings settings = new Client().header("Cookie", "a=1").header("Authorization", "Bearer t")
                .origin("http://example.com").settingsNow();
        var request = settings.handshake(ClientHandshake.builder(URI.create("ws://example.com/chat")), ConnectOptions.none()).request();
        assertThat(request.headers().first("Cookie")).isEqualTo("a=1");
        assertThat(request.headers().first("Authorization")).isEqualTo("Bearer t");
        assertThat(request.headers().first("Origin")).isEqualTo("http://example.com");
    }

    @Test
    void settingsBuiltEarlierDoNotChangeWithTheBuilder() {
        Client builder = new Client().header("Cookie", "a=1");
        ClientSettings first = builder.settingsNow();
        builder.header("Cookie", "b=2");
        assertThat(first.headers()).hasSize(1);
    }
}
