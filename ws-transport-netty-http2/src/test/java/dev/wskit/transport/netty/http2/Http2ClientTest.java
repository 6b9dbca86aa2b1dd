package dev.wskit.transport.netty.http2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.proxy.HttpProxy;
import dev.wskit.protocol.upgrade.Routes;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * wskit's own client over HTTP/2 against wskit's server: several WebSockets on one connection,
 * another connection past the streams a server allows, and the settings it refuses. The rest of
 * what a client does runs in the kit ({@link Http2TransportKitTest}).
 */
class Http2ClientTest {
    private final BlockingQueue<SocketAddress> peers = new LinkedBlockingQueue<>();
    private NettyHttp2WebSocketServer server;
    private NettyHttp2WebSocketClient client;

    @BeforeEach
    void start() throws Exception {
        WebSocketHandler echo = new WebSocketHandler() {
            @Override
            public void onOpen(WebSocket socket) {
                peers.add(socket.remoteAddress());
            }

            @Override
            public void onText(WebSocket socket, String text) {
                socket.sendText(text);
            }
        };
        server = NettyHttp2WebSocketServer.builder().host("127.0.0.1").port(0)
                .config(WebSocketConfig.builder().subprotocols("chat").build())
                .upgrade(Routes.builder().exact("/echo", () -> echo).build()).build().start();
        client = NettyHttp2WebSocketClient.builder()
                .config(WebSocketConfig.builder().subprotocols("chat").build()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    /** Records the texts a client's socket receives. */
    private static final class Texts implements WebSocketHandler {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Override
        public void onText(WebSocket socket, String text) {
            received.add(text);
        }
    }

    @Test
    void severalWebSocketsShareOneConnection() throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
        List<Texts> handlers = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Texts texts = new Texts();
            handlers.add(texts);
            sockets.add(client.connect(uri, texts).get(10, TimeUnit.SECONDS));
        }

        for (int i = 0; i < sockets.size(); i++) {
            assertThat(sockets.get(i).subprotocol()).isEqualTo("chat");
            sockets.get(i).sendText("stream " + i);
        }

        for (int i = 0; i < handlers.size(); i++) {
            assertThat(handlers.get(i).received.poll(10, TimeUnit.SECONDS)).isEqualTo("stream " + i);
        }
        // One TCP connection: the server saw every WebSocket come from the same client port.
        SocketAddress first = peers.poll(10, TimeUnit.SECONDS);
        assertThat(peers.poll(10, TimeUnit.SECONDS)).isEqualTo(first);
        assertThat(peers.poll(10, TimeUnit.SECONDS)).isEqualTo(first);
    }

    /** RFC 9113 §6.5.2: past the 100 streams a server is assumed to allow, WebSockets go on a second connection. */
    @Test
    void theHundredAndFirstWebSocketGoesOnASecondConnection() throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
        List<CompletableFuture<WebSocket>> connects = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            connects.add(client.connect(uri, new Texts()));
        }
        CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        Set<SocketAddress> connections = new HashSet<>();
        for (int i = 0; i < 101; i++) {
            connections.add(peers.poll(10, TimeUnit.SECONDS));
        }
        assertThat(connections).hasSize(2);
    }

    @Test
    void aProxyIsRefusedAtBuildRatherThanPassedBy() {
        NettyHttp2WebSocketClient.Builder builder = NettyHttp2WebSocketClient.builder()
                .proxy(HttpProxy.of("127.0.0.1", 3128));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("proxy is not supported over HTTP/2");
    }

    @Test
    void aTlsContextWithoutH2IsRefused() throws Exception {
        SslContext http11Only = SslContextBuilder.forClient().build();

        assertThatThrownBy(() -> NettyHttp2WebSocketClient.builder().tls(http11Only))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ALPN offering h2");
    }
}
