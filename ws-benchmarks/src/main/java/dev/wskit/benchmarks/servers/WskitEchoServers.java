package dev.wskit.benchmarks.servers;

import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.transport.blocking.BlockingWebSocketServer;
import dev.wskit.transport.netty.NettyWebSocketServer;
import dev.wskit.transport.vertx.WebSocketVerticle;
import io.vertx.core.Future;
import java.io.IOException;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * wskit's echo ({@link WskitEcho}) on each of its transports, with the limits of
 * its {@link EchoProfile}; each started the way its transport's documentation starts a server, on
 * the same threads as the baseline it is compared with.
 */
final class WskitEchoServers {
    /** Benchmarks stop servers between runs; waiting for closing handshakes only slows that. */
    private static final Duration STOP_GRACE = Duration.ofMillis(200);

    private WskitEchoServers() {
    }

    /** On Netty, on the same kind and number of event loops as {@link NettyOwnEchoServer}. */
    static EchoServer netty(String host, int port, int threads, EchoProfile profile) throws IOException {
        return netty(host, port, threads, profile, WskitEcho.INSTANCE);
    }

    /** The same with {@code handler} (shared by every connection) instead of the echo. */
    static EchoServer netty(String host, int port, int threads, EchoProfile profile, WebSocketHandler handler)
            throws IOException {
        NettyLoops loops = new NettyLoops(threads);
        NettyWebSocketServer server = NettyWebSocketServer.builder()
                .host(host)
                .port(port)
                .config(profile.wskitConfig())
                .maxConnections(EchoLimits.MAX_CONNECTIONS)
                .handler(() -> handler)
                .eventLoopGroups(loops.boss, loops.workers)
                .build()
                .start();
        return new Running(server::port, () -> {
            server.stop(STOP_GRACE);
            loops.shutdown();
        });
    }

    /** On Vert.x, one verticle per event loop, as {@link VertxOwnEchoServer}. */
    static EchoServer vertx(String host, int port, int threads, EchoProfile profile) throws Exception {
        return vertx(host, port, threads, profile, WskitEcho.INSTANCE);
    }

    /** The same with {@code handler} (shared by every connection) instead of the echo. */
    static EchoServer vertx(String host, int port, int threads, EchoProfile profile, WebSocketHandler handler)
            throws Exception {
        VertxVerticles<WebSocketVerticle> verticles = new VertxVerticles<>(threads, () -> new WebSocketVerticle(server -> {
            server.host(host)
                    .config(profile.wskitConfig())
                    .maxConnections(EchoLimits.MAX_CONNECTIONS)
                    .handler(() -> handler);
            if (port == 0) {
                server.sharedFreePort(1);
            } else {
                server.port(port);
            }
        }));
        return new Running(() -> verticles.verticles.get(0).server().port(), () -> {
            // Within the benchmarks' grace, all at once; undeploying then finds them stopped.
            Future.join(verticles.verticles.stream().map(v -> v.server().shutdown(STOP_GRACE)).collect(Collectors.toList()))
                    .toCompletionStage().toCompletableFuture().join();
            verticles.close();
        });
    }

    /**
     * On blocking sockets, one thread per connection: virtual threads on JDK 21+ (the transport's
     * default), platform threads before. The connection limit is raised above the 10 000 idle
     * connections of the memory point, as on the other transports.
     */
    static EchoServer blocking(String host, int port, EchoProfile profile) throws IOException {
        return blocking(host, port, profile, WskitEcho.INSTANCE);
    }

    /** The same with {@code handler} (shared by every connection) instead of the echo. */
    static EchoServer blocking(String host, int port, EchoProfile profile, WebSocketHandler handler) throws IOException {
        BlockingWebSocketServer server = BlockingWebSocketServer.builder()
                .host(host)
                .port(port)
                .config(profile.wskitConfig())
                .maxConnections(EchoLimits.MAX_CONNECTIONS)
                .handler(() -> handler)
                .build()
                .start();
        return new Running(server::port, () -> server.stop(STOP_GRACE));
    }

    private record Running(IntSupplier portSource, Runnable stop) implements EchoServer {
        @Override
        public int port() {
            return portSource.getAsInt();
        }

        @Override
        public void close() {
            stop.run();
        }
    }
}
