package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.Recorder;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Vert.x closes a {@code NetClient} that nothing references any more. An application that keeps
 * only the {@link WebSocket} a connect gave it, and lets the client object go, must keep a
 * working connection.
 */
@ExtendWith({VertxExtension.class, Kit.Extension.class})
@Timeout(30)
class UnreferencedClientTest {

    @Test
    void aConnectionOutlivesTheClientObjectThatMadeIt(Vertx vertx, Kit kit) throws Exception {
        VertxWebSocketServer server = VertxWebSocketServer.builder(vertx).handler(Kit::echo)
                .build().listen().await(10, TimeUnit.SECONDS);
        Recorder events = kit.recorder("client");
        WebSocket socket = connectAndForgetTheClient(vertx, server.port(), events);
        events.expect("open");
        for (int i = 0; i < 3; i++) {
            System.gc();
            // Gives the cleaner a moment to act, were the client closed behind our back.
            assertThat(events.poll(Duration.ofMillis(100))).as("no event while idle").isNull();
        }
        socket.sendText("still connected");
        events.expectText("still connected");
    }

    private static WebSocket connectAndForgetTheClient(Vertx vertx, int port, Recorder events) throws Exception {
        return VertxWebSocketClient.builder(vertx).build()
                .connect(URI.create("ws://127.0.0.1:" + port + "/"), events).await(10, TimeUnit.SECONDS);
    }
}
