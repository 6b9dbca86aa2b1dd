package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.Recorder;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client's extra header fields and {@code Origin} reach the server's opening request. */
@ExtendWith(Kit.Extension.class)
@Timeout(30)
class ClientRequestTest {

    @Test
    void extraHeaderFieldsAndAnOriginReachTheServer(Kit kit) throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        VertxWebSocketServer server = VertxWebSocketServer.builder(VertxTransport.vertx())
                .handler(() -> new WebSocketHandler() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        seen.complete(socket.request().headers().first("Authorization") + " "
                                + socket.request().headers().first("Origin"));
                    }
                }).build().listen().await(20, TimeUnit.SECONDS);
        kit.closeAfter(() -> server.shutdown().await(20, TimeUnit.SECONDS));
        VertxWebSocketClient client = VertxWebSocketClient.builder(VertxTransport.vertx())
                .header("Authorization", "Bearer t").origin("http://example.test").build();
        kit.closeAfter(() -> client.shutdown().await(20, TimeUnit.SECONDS));
        Recorder events = kit.recorder("client");
        client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), events).await(20, TimeUnit.SECONDS);
        events.expect("open");
        assertThat(Kit.await(seen)).isEqualTo("Bearer t http://example.test");
    }
}
