package dev.wskit.benchmarks.servers;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broadcast baseline for Vert.x: its own {@code HttpServer} WebSocket, one verticle per event
 * loop as {@link VertxOwnEchoServer}, every open WebSocket in one set shared by the verticles. A
 * text message from one connection is written to every other with {@code writeTextMessage} of
 * the same {@code String} (binary: {@code writeBinaryMessage} of the same {@code Buffer}), a loop
 * as Vert.x's documentation writes one; Vert.x runs each write on its subscriber's event loop.
 *
 * <p>Backpressure: none beyond Vert.x's defaults; {@code writeQueueFull()} is not consulted, so a
 * slow subscriber's writes queue.
 */
final class VertxOwnBroadcastServer implements EchoServer {
    private final VertxVerticles<BroadcastVerticle> verticles;

    private VertxOwnBroadcastServer(VertxVerticles<BroadcastVerticle> verticles) {
        this.verticles = verticles;
    }

    static EchoServer start(String host, int port, int threads) throws Exception {
        EchoProfile profile = EchoProfile.BENCHMARK;
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(VertxVerticles.sharedPort(port))
                .setMaxWebSocketFrameSize(profile.maxMessageBytes())
                .setMaxWebSocketMessageSize(profile.maxMessageBytes())
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
        Set<ServerWebSocket> members = ConcurrentHashMap.newKeySet();
        return new VertxOwnBroadcastServer(new VertxVerticles<>(threads, () -> new BroadcastVerticle(options, members)));
    }

    @Override
    public int port() {
        return verticles.verticles.get(0).server.actualPort();
    }

    @Override
    public void close() {
        verticles.close();
    }

    static final class BroadcastVerticle extends VerticleBase {
        private final HttpServerOptions options;
        private final Set<ServerWebSocket> members;
        private volatile HttpServer server;

        BroadcastVerticle(HttpServerOptions options, Set<ServerWebSocket> members) {
            this.options = options;
            this.members = members;
        }

        @Override
        public Future<?> start() {
            server = vertx.createHttpServer(options).webSocketHandler(this::join);
            return server.listen();
        }

        private void join(ServerWebSocket ws) {
            members.add(ws);
            ws.closeHandler(ignored -> members.remove(ws));
            ws.textMessageHandler(text -> {
                for (ServerWebSocket member : members) {
                    if (member != ws) {
                        member.writeTextMessage(text);
                    }
                }
            });
            ws.binaryMessageHandler(data -> {
                for (ServerWebSocket member : members) {
                    if (member != ws) {
                        member.writeBinaryMessage(data);
                    }
                }
            });
            ws.exceptionHandler(ignored -> { });
        }
    }
}
