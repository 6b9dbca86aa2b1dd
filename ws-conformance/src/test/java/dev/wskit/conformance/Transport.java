package dev.wskit.conformance;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.transport.blocking.BlockingWebSocketClient;
import dev.wskit.transport.blocking.BlockingWebSocketServer;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ServerBuilder;
import dev.wskit.transport.netty.NettyWebSocketClient;
import dev.wskit.transport.netty.NettyWebSocketServer;
import dev.wskit.transport.vertx.VertxWebSocketClient;
import dev.wskit.transport.vertx.VertxWebSocketServer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The three transports under test, each able to start an in-process echo server and to make a
 * client, behind one shape so every case runs unchanged on each. Configurations are shared:
 * the transports differ in nothing but the transport.
 */
enum Transport {
    BLOCKING {
        @Override
        BlockingWebSocketServer.Builder serverBuilder() {
            return BlockingWebSocketServer.builder();
        }

        @Override
        BlockingWebSocketClient.Builder clientBuilder() {
            return BlockingWebSocketClient.builder();
        }

        @Override
        Server startServer(WebSocketConfig config, Supplier<WebSocketHandler> handlers) throws Exception {
            return start(BlockingWebSocketServer.builder().config(config).handler(handlers));
        }

        @Override
        Server startServer(WebSocketConfig config, Supplier<WebSocketHandler> handlers, Duration writeTimeout)
                throws Exception {
            return start(BlockingWebSocketServer.builder().config(config).handler(handlers).writeTimeout(writeTimeout));
        }

        private Server start(BlockingWebSocketServer.Builder builder) throws Exception {
            BlockingWebSocketServer server = builder.build().start();
            return new Server(server.port(), () -> server.stop(STOP_GRACE));
        }

        @Override
        Client client(WebSocketConfig config) {
            BlockingWebSocketClient client = BlockingWebSocketClient.builder().config(config).build();
            return new Client() {
                @Override
                public CompletableFuture<WebSocket> connect(URI uri, WebSocketHandler handler) {
                    // connect blocks until the handshake is done: give it a thread of its own.
                    return CompletableFuture.supplyAsync(() -> {
                        try {
                            return client.connect(uri, handler);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, runnable -> new Thread(runnable, "blocking-connect").start());
                }

                @Override
                public void close() {
                    client.close();
                }
            };
        }
    },
    NETTY {
        @Override
        NettyWebSocketServer.Builder serverBuilder() {
            return NettyWebSocketServer.builder();
        }

        @Override
        NettyWebSocketClient.Builder clientBuilder() {
            return NettyWebSocketClient.builder();
        }

        @Override
        Server startServer(WebSocketConfig config, Supplier<WebSocketHandler> handlers) throws IOException {
            NettyWebSocketServer server = NettyWebSocketServer.builder().config(config).handler(handlers).build().start();
            return new Server(server.port(), () -> server.stop(STOP_GRACE));
        }

        @Override
        Client client(WebSocketConfig config) {
            NettyWebSocketClient client = NettyWebSocketClient.builder().config(config).build();
            return new Client() {
                @Override
                public CompletableFuture<WebSocket> connect(URI uri, WebSocketHandler handler) {
                    return client.connect(uri, handler);
                }

                @Override
                public void close() {
                    client.close();
                }
            };
        }
    },
    VERTX {
        @Override
        VertxWebSocketServer.Builder serverBuilder() {
            return VertxWebSocketServer.builder(vertx());
        }

        @Override
        VertxWebSocketClient.Builder clientBuilder() {
            return VertxWebSocketClient.builder(vertx());
        }

        @Override
        Server startServer(WebSocketConfig config, Supplier<WebSocketHandler> handlers) throws Exception {
            VertxWebSocketServer server = VertxWebSocketServer.builder(vertx()).config(config).handler(handlers).build().start();
            return new Server(server.port(), () -> server.stop(STOP_GRACE));
        }

        @Override
        Client client(WebSocketConfig config) {
            VertxWebSocketClient client = VertxWebSocketClient.builder(vertx()).config(config).build();
            return new Client() {
                @Override
                public CompletableFuture<WebSocket> connect(URI uri, WebSocketHandler handler) {
                    return client.connect(uri, handler).toCompletionStage().toCompletableFuture();
                }

                @Override
                public void close() {
                    client.close();
                }
            };
        }
    };

    /** The largest frame {@link ServerCase.Target#FRAGMENTING_ECHO} sends (Autobahn section 10). */
    static final int FRAGMENT_SIZE = 1000;
    static final int MIB = 1024 * 1024;
    /** Large enough for a 16 MiB message echoed back while the client is still reading. */
    private static final long MAX_OUTBOUND = 64L * MIB;
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);
    private static Vertx vertx;

    /** A fresh builder of this transport's server, for tests of the settings every server shares. */
    abstract ServerBuilder<?> serverBuilder();

    /** A fresh builder of this transport's client, for tests of the settings every client shares. */
    abstract ClientBuilder<?> clientBuilder();

    abstract Server startServer(WebSocketConfig config, Supplier<WebSocketHandler> handlers) throws Exception;

    /**
     * A server that also bounds by time how long one write may block on a peer that does not
     * read. Only the blocking transport has such writes (its default is 30 s); Netty and Vert.x
     * never block a write and bound a non-reading peer by {@link WebSocketConfig#maxOutboundBytes()}
     * alone, so for them this is {@link #startServer(WebSocketConfig, Supplier)}.
     */
    Server startServer(WebSocketConfig config, Supplier<WebSocketHandler> handlers, Duration writeTimeout)
            throws Exception {
        return startServer(config, handlers);
    }

    abstract Client client(WebSocketConfig config);

    /** The echo server's configuration: 16 MiB messages and frames, permessage-deflate accepted. */
    static WebSocketConfig echoConfig() {
        return WebSocketConfig.builder()
                .maxFramePayload(16 * MIB)
                .maxMessageSize(16 * MIB)
                .maxOutboundBytes(MAX_OUTBOUND)
                .perMessageDeflate(PerMessageDeflateConfig.defaults())
                .build();
    }

    static WebSocketConfig fragmentingEchoConfig() {
        return echoConfig().toBuilder().maxOutgoingFrameSize(FRAGMENT_SIZE).build();
    }

    private static synchronized Vertx vertx() {
        if (vertx == null) {
            vertx = Vertx.vertx();
        }
        return vertx;
    }

    /** Closes the Vert.x instance the Vert.x transport made, if any. */
    static synchronized void closeShared() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            vertx = null;
        }
    }

    /** A running server: its port and how to stop it. */
    static final class Server implements AutoCloseable {
        final int port;
        private final Runnable stop;

        Server(int port, Runnable stop) {
            this.port = port;
            this.stop = stop;
        }

        @Override
        public void close() {
            stop.run();
        }
    }

    /** A transport's client, connecting asynchronously. */
    interface Client extends AutoCloseable {
        CompletableFuture<WebSocket> connect(URI uri, WebSocketHandler handler);

        @Override
        void close();
    }

    /** The echo application: every message straight back, as a whole message. */
    static final class Echo implements WebSocketHandler {
        @Override
        public void onText(WebSocket socket, String text) {
            socket.sendText(text);
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            socket.sendBinary(data);
        }
    }
}
