package dev.wskit.transport.vertx;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.transport.core.ConnectionDriver;
import dev.wskit.protocol.WebSocketHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A WebSocket server on a Vert.x {@link NetServer}: the engine reads the opening handshake from
 * the raw bytes (RFC 6455 §4.2), one engine and one handler per connection. Every connection runs
 * on the context that called {@link #listen()} (a verticle's, see {@link WebSocketVerticle});
 * handlers are called there, and the {@link dev.wskit.protocol.WebSocket} they get may be used
 * from any thread.
 *
 * <p>Ports follow Vert.x: several servers listening on the same fixed port share it, Vert.x
 * spreading connections over them; port 0 gives each server a port of its own; a negative port
 * {@code -n} gives all servers using {@code -n} one shared free port.
 */
public final class VertxWebSocketServer {
    private final Vertx vertx;
    private final String host;
    private final int port;
    private final WebSocketConfig config;
    private final Supplier<? extends WebSocketHandler> handlers;
    private final NetServerOptions options;
    private final Duration shutdownTimeout;
    private final Set<NetSocketConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile NetServer netServer;

    private VertxWebSocketServer(Builder b) {
        this.vertx = b.vertx;
        this.host = b.host;
        this.port = b.port;
        this.config = b.config;
        this.handlers = Objects.requireNonNull(b.handlers, "handler");
        this.options = new NetServerOptions(b.options);
        this.shutdownTimeout = b.shutdownTimeout != null ? b.shutdownTimeout : config.closeTimeout();
    }

    public static Builder builder(Vertx vertx) {
        return new Builder(vertx);
    }

    /** Binds and starts accepting; connections will run on the calling context. */
    public Future<VertxWebSocketServer> listen() {
        if (netServer != null) {
            return Future.failedFuture(new IllegalStateException("already listening"));
        }
        NetServer server = vertx.createNetServer(options).connectHandler(this::accept);
        netServer = server;
        return server.listen(port, host).map(this);
    }

    private void accept(NetSocket socket) {
        WebSocketHandler handler = handlers.get();
        NetSocketConnection connection = new NetSocketConnection(this, vertx, Vertx.currentContext(), socket,
                io -> ConnectionDriver.server(config, handler, io));
        connections.add(connection);
        connection.closed().onComplete(v -> connections.remove(connection));
        connection.start("server stopping");
    }

    /** The port bound: the one asked for, or the one chosen for 0 or a negative port. */
    public int port() {
        NetServer server = netServer;
        if (server == null) {
            throw new IllegalStateException("not listening");
        }
        return server.actualPort();
    }

    /** Connections whose socket is still open; for tests and metrics. */
    int openConnections() {
        return connections.size();
    }

    /**
     * Stops gracefully: no new connections, {@code close(1001, "server stopping")} on every open
     * one (Vert.x's shutdown handler), up to the shutdown timeout for their closing handshakes,
     * then the rest are closed. Completes when every socket of this server has closed and its
     * timers are cancelled.
     */
    public Future<Void> close() {
        NetServer server = netServer;
        if (server == null) {
            return Future.succeededFuture();
        }
        return server.shutdown(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .eventually(this::allClosed);
    }

    private Future<Void> allClosed() {
        List<Future<Void>> closing = new ArrayList<>();
        for (NetSocketConnection connection : connections) {
            closing.add(connection.closed());
        }
        return Future.join(closing).mapEmpty();
    }

    /** Settings of a {@link VertxWebSocketServer}. */
    public static final class Builder {
        private final Vertx vertx;
        private String host = "127.0.0.1";
        private int port;
        private WebSocketConfig config = WebSocketConfig.defaults();
        private Supplier<? extends WebSocketHandler> handlers;
        private NetServerOptions options = new NetServerOptions();
        private Duration shutdownTimeout;

        private Builder(Vertx vertx) {
            this.vertx = Objects.requireNonNull(vertx, "vertx");
        }

        /** The address to bind. Default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to bind; 0 for any free port, negative for a free port shared as Vert.x does. Default 0. */
        public Builder port(int port) {
            if (port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Limits, timeouts, subprotocols, origin policy. Default {@link WebSocketConfig#defaults()}. */
        public Builder config(WebSocketConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Makes the handler of each new connection. Required. */
        public Builder handler(Supplier<? extends WebSocketHandler> handlers) {
            this.handlers = Objects.requireNonNull(handlers, "handler");
            return this;
        }

        /** Socket and TLS settings to start from (copied); host and port come from this builder. */
        public Builder options(NetServerOptions options) {
            this.options = new NetServerOptions(Objects.requireNonNull(options, "options"));
            return this;
        }

        /** TLS ({@code wss}) with this key and certificate: {@code setSsl(true)} on the options. */
        public Builder tls(KeyCertOptions keyCert) {
            options.setSsl(true).setKeyCertOptions(Objects.requireNonNull(keyCert, "keyCert"));
            return this;
        }

        /** How long {@link #close()} waits for closing handshakes. Default: the config's close timeout. */
        public Builder shutdownTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout must not be negative: " + timeout);
            }
            this.shutdownTimeout = timeout;
            return this;
        }

        public VertxWebSocketServer build() {
            return new VertxWebSocketServer(this);
        }
    }
}
