package dev.wskit.benchmarks.servers;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

/**
 * The baseline for the Vert.x transport: Vert.x's own {@code HttpServer} WebSocket, echoing whole
 * messages with its message handlers (text back as text, binary as binary), as Vert.x's
 * documentation writes an echo. Compression, which Vert.x negotiates by default, is on only when
 * the {@link EchoProfile} asks for it.
 */
final class VertxOwnEchoServer implements EchoServer {
    private final VertxVerticles<EchoVerticle> verticles;

    private VertxOwnEchoServer(VertxVerticles<EchoVerticle> verticles) {
        this.verticles = verticles;
    }

    static EchoServer start(String host, int port, int threads, EchoProfile profile) throws Exception {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(VertxVerticles.sharedPort(port))
                .setMaxWebSocketFrameSize(profile.maxMessageBytes())
                .setMaxWebSocketMessageSize(profile.maxMessageBytes())
                .setPerMessageWebSocketCompressionSupported(profile.deflate())
                .setPerFrameWebSocketCompressionSupported(false);
        return new VertxOwnEchoServer(new VertxVerticles<>(threads, () -> new EchoVerticle(options)));
    }

    @Override
    public int port() {
        return verticles.verticles.get(0).server.actualPort();
    }

    @Override
    public void close() {
        verticles.close();
    }

    static final class EchoVerticle extends VerticleBase {
        private final HttpServerOptions options;
        private volatile HttpServer server;

        EchoVerticle(HttpServerOptions options) {
            this.options = options;
        }

        @Override
        public Future<?> start() {
            server = vertx.createHttpServer(options).webSocketHandler(EchoVerticle::echo);
            return server.listen();
        }

        private static void echo(ServerWebSocket ws) {
            ws.textMessageHandler(ws::writeTextMessage);
            ws.binaryMessageHandler(ws::writeBinaryMessage);
            // A load client that drops its sockets resets them; nothing to report.
            ws.exceptionHandler(ignored -> { });
        }
    }
}
