package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.WebSocketUri;
import dev.wskit.protocol.proxy.HttpProxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The steps of one connect, on a socket that is a name, each step completed when the test says. */
class ClientConnectTest {
    private final List<String> steps = new ArrayList<>();
    private final ConnectionGroup group = ConnectionGroup.unbounded();
    private final CompletableFuture<Void> tunnel = new CompletableFuture<>();
    private final CompletableFuture<Void> tls = new CompletableFuture<>();
    private CompletableFuture<String> tcp;

    private CompletableFuture<WebSocket> connect(String uri, HttpProxy proxy) {
        ClientSettings settings = new ClientSettings(WebSocketConfig.defaults(), Duration.ofSeconds(5), List.of(), null,
                proxy, ConnectionListener.NONE);
        WebSocketHandler handler = new WebSocketHandler() { };
        ClientSettings.Opening opening = settings.opening(URI.create(uri), handler, ConnectOptions.none(), false);
        return new ClientConnect<String>(opening, handler, group) {
            @Override
            protected void connect(String host, int port, CompletableFuture<String> connected) {
                steps.add("tcp " + host + ":" + port);
                tcp = connected;
            }

            @Override
            protected CompletionStage<Void> openTunnel(String socket, TunnelHandshake handshake) {
                steps.add("tunnel on " + socket);
                return tunnel;
            }

            @Override
            protected CompletionStage<Void> startTls(String socket, WebSocketUri target, ConnectDeadline deadline) {
                steps.add("tls on " + socket + " to " + target.host());
                return tls;
            }

            @Override
            protected ConnectionDriver startWebSocket(String socket, ClientHandshake handshake,
                                                      WebSocketHandler connectionHandler) {
                steps.add("websocket on " + socket);
                ConnectionDriver driver = ConnectionDriver.client(handshake, WebSocketConfig.defaults(), connectionHandler,
                        new ScriptedIo());
                driver.start();
                return driver;
            }

            @Override
            protected void close(String socket) {
                steps.add("close " + socket);
            }
        }.run();
    }

    @Test
    void throughAProxyToAWssServerEachStepWaitsForTheOneBefore() {
        CompletableFuture<WebSocket> opened = connect("wss://example.com/chat", HttpProxy.of("proxy.example", 3128));
        assertThat(steps).containsExactly("tcp proxy.example:3128");
        tcp.complete("s");
        assertThat(steps).containsExactly("tcp proxy.example:3128", "tunnel on s");
        tunnel.complete(null);
        assertThat(steps).endsWith("tls on s to example.com");
        tls.complete(null);
        assertThat(steps).endsWith("websocket on s").doesNotContain("close s");
        assertThat(opened).as("the engine waits for the server's answer").isNotDone();
    }

    @Test
    void aFailedStepFailsTheConnectWithItsOwnErrorAndClosesTheSocket() {
        CompletableFuture<WebSocket> opened = connect("wss://example.com/", null);
        tcp.complete("s");
        SSLHandshakeException refused = new SSLHandshakeException("no trusted certificate");
        tls.completeExceptionally(refused);
        assertThat(steps).containsExactly("tcp example.com:443", "tls on s to example.com", "close s");
        assertThat(opened).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class).withCause(refused);
        group.closeAll(ClientSettings.CLOSE_REASON, Duration.ZERO);
        assertThat(steps).as("the failed connect left the client's connections").hasSize(3);
    }

    @Test
    void aClientThatClosesBeforeTheWebSocketStartedClosesTheSocket() {
        CompletableFuture<WebSocket> opened = connect("ws://example.com/", HttpProxy.of("proxy.example", 3128));
        tcp.complete("s");
        group.closeAll(ClientSettings.CLOSE_REASON, Duration.ZERO);
        assertThat(steps).contains("close s");
        tunnel.completeExceptionally(new IllegalStateException("the proxy closed the connection"));
        assertThat(opened).isCompletedExceptionally();
        assertThat(steps).doesNotContain("websocket on s");
    }

    @Test
    void aSocketConnectedAfterTheClientClosedIsClosedAndTheConnectFails() {
        CompletableFuture<WebSocket> opened = connect("ws://example.com/", null);
        group.closeAll(ClientSettings.CLOSE_REASON, Duration.ZERO);
        tcp.complete("s");
        assertThat(steps).containsExactly("tcp example.com:80", "close s");
        assertThat(opened).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class).withMessageContaining("client closed");
    }
}
