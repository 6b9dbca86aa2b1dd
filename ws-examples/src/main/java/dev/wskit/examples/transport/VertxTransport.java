package dev.wskit.examples.transport;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.transport.core.ServerBuilder;
import dev.wskit.transport.vertx.VertxWebSocketClient;
import dev.wskit.transport.vertx.WebSocketVerticle;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Vert.x 5: a server as a {@link WebSocketVerticle}, so its connections run on the verticle's
 * context; each server or client gets a {@link Vertx} of its own, closed with it.
 */
final class VertxTransport implements Transport {
    @Override
    public RunningServer start(String host, int port, WebSocketConfig config, UpgradeDecider decider,
                               Consumer<? super ServerBuilder<?>> watching) throws Exception {
        Vertx vertx = Vertx.vertx();
        WebSocketVerticle verticle = new WebSocketVerticle(server -> watching.accept(server
                .host(host).port(port).config(config).upgrade(decider)));
        try {
            Transport.await(vertx.deployVerticle(verticle).toCompletionStage());
        } catch (Exception failed) {
            close(vertx);
            throw failed;
        }
        // Closing Vert.x undeploys the verticle, whose stop is the server's graceful close.
        return new RunningServer(host, verticle.server().port(), () -> close(vertx));
    }

    @Override
    public ClientConnection connect(URI uri, WebSocketConfig config, ClientOptions options,
                                    WebSocketHandler handler) throws Exception {
        Vertx vertx = Vertx.vertx();
        VertxWebSocketClient.Builder builder = VertxWebSocketClient.builder(vertx).config(config);
        try {
            options.applyTo(builder);
            VertxWebSocketClient client = builder.build();
            WebSocket socket = Transport.await(client.connect(uri, handler).toCompletionStage());
            return new ClientConnection(socket, () -> {
                client.close();
                close(vertx);
            });
        } catch (Exception failed) {
            close(vertx);
            throw failed;
        }
    }

    /** Closes Vert.x and waits: its client, its servers and their connections go with it. */
    private static void close(Vertx vertx) {
        try {
            Transport.await(vertx.close().toCompletionStage());
        } catch (Exception notClosed) {
            // Nothing else could release it: the app goes on ending.
        }
    }
}
