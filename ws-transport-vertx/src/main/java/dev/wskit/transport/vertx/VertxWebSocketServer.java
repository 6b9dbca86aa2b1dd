package dev.wskit.transport.vertx;

import dev.wskit.transport.core.ArgumentChecks;
import dev.wskit.transport.core.OpenConnections;
import dev.wskit.transport.core.ServerBuilder;
import dev.wskit.transport.core.ServerLifecycle;
import dev.wskit.transport.core.ServerSettings;
import dev.wskit.transport.core.WebSocketServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket server on a Vert.x {@link NetServer}: the engine reads the opening handshake from
 * the raw bytes (RFC 6455 §4.2), one engine and one handler per connection. Every connection runs
 * on the context that started the server (a verticle's, see {@link WebSocketVerticle}); handlers
 * are called there, and the {@link dev.wskit.protocol.WebSocket} they get may be used from any
 * thread.
 *
 * <p>Lifecycle, as on every wskit server: {@link #start()} returns once bound, {@link #stop(Duration)}
 * and {@link #close()} return once stopped. Both block, so on an event loop use their
 * asynchronous forms, {@link #listen()} and {@link #shutdown(Duration)} / {@link #shutdown()}.
 *
 * <p>Ports follow Vert.x: several servers listening on the same fixed port share it, Vert.x
 * spreading connections over them; port 0 gives each server a port of its own;
 * {@link Builder#sharedFreePort} gives servers one free port to share.
 */
public final class VertxWebSocketServer implements WebSocketServer {
    private final Vertx vertx;
    private final ServerSettings settings;
    private final NetServerOptions options;
    private final int listenPort;
    private final OpenConnections connections = new OpenConnections();
    private final ServerLifecycle lifecycle = new ServerLifecycle();
    private volatile NetServer netServer;

    private VertxWebSocketServer(ServerSettings settings, Builder b) {
        this.vertx = b.vertx;
        this.settings = settings;
        this.options = new NetServerOptions(b.options);
        // Vert.x shares a free port among the servers given the same negative port.
        this.listenPort = b.sharedPortKey > 0 ? -b.sharedPortKey : settings.port();
    }

    /**
     * A builder for a server on {@code vertx}; only {@link Builder#handler} is required.
     *
     * @param vertx the Vert.x instance the server runs on
     * @return a new builder
     */
    public static Builder builder(Vertx vertx) {
        return new Builder(vertx);
    }

    /**
     * Binds and starts accepting, waiting until bound; connections run on the calling context
     * (outside Vert.x, an event-loop context of their own).
     *
     * @throws IOException when the address cannot be bound, naming it and why
     * @throws IllegalStateException when started before, or called on an event loop (use {@link #listen()})
     */
    @Override
    public VertxWebSocketServer start() throws IOException {
        BlockingWait.refuseOnEventLoop("start()", "listen()");
        lifecycle.starting();
        try {
            return BlockingWait.await(bind());
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof IOException bindFailed) {
                throw bindFailed;
            }
            throw failed;
        }
    }

    /**
     * {@link #start()} without blocking: binds and starts accepting; connections will run on the
     * calling context. Fails with {@link IllegalStateException} when started before, or with an
     * {@link IOException} naming the address when it cannot be bound.
     *
     * @return completes with this server once it accepts, or fails as said
     */
    public Future<VertxWebSocketServer> listen() {
        try {
            lifecycle.starting();
        } catch (IllegalStateException again) {
            return Future.failedFuture(again);
        }
        return bind();
    }

    private Future<VertxWebSocketServer> bind() {
        NetServer server = vertx.createNetServer(options).connectHandler(this::accept);
        return server.listen(listenPort, settings.host()).transform(bound -> {
            if (bound.failed()) {
                lifecycle.startFailed();
                return server.close().transform(closed -> Future.failedFuture(settings.bindFailed(bound.cause())));
            }
            netServer = server;
            lifecycle.started(server.actualPort());
            return Future.succeededFuture(this);
        });
    }

    private void accept(NetSocket socket) {
        NetSocketConnection connection = new NetSocketConnection(this, Vertx.currentContext(), socket,
                settings::newConnection);
        connections.add(connection.driver());
        connection.start(ServerSettings.STOP_REASON);
    }

    /**
     * The bound port: the one asked for, or the one chosen for port 0 or a shared free port;
     * also after a stop.
     *
     * @throws IllegalStateException before the server is bound
     */
    @Override
    public int port() {
        return lifecycle.port();
    }

    /** Connections whose socket is still open; for tests and metrics. */
    int openConnections() {
        return connections.size();
    }

    /**
     * Stops: accepts no more, sends {@code 1001 "server stopping"} on every open connection, waits
     * up to {@code grace} for the closing handshakes, then closes the rest (Vert.x's own shutdown),
     * and returns once every socket of this server has closed. Before the start, and after a
     * first stop, it does nothing.
     *
     * @param grace how long to wait for the closing handshakes; zero closes them at once
     * @throws IllegalStateException on an event loop (use {@link #shutdown(Duration)})
     */
    @Override
    public void stop(Duration grace) {
        ArgumentChecks.notNegative(grace, "grace");
        BlockingWait.refuseOnEventLoop("stop(Duration)", "shutdown(Duration)");
        BlockingWait.await(shutdown(grace));
    }

    /**
     * {@link #stop(Duration)} with the configuration's close timeout as the grace.
     *
     * @throws IllegalStateException on an event loop (use {@link #shutdown()})
     */
    @Override
    public void close() {
        BlockingWait.refuseOnEventLoop("close()", "shutdown()");
        stop(settings.config().closeTimeout());
    }

    /**
     * {@link #stop(Duration)} without blocking: completes when every socket of this server has
     * closed and its handler had {@code onClose}.
     *
     * @param grace how long open connections get to finish their closing handshake (RFC 6455
     *     §7.1.2) before they are dropped; not negative
     * @return completes once every socket has closed
     */
    public Future<Void> shutdown(Duration grace) {
        ArgumentChecks.notNegative(grace, "grace");
        if (!lifecycle.stopping()) {
            return Future.succeededFuture();
        }
        // Vert.x's shutdown stops accepting, runs each socket's shutdown handler (the 1001), and
        // closes what is still open once the grace is over.
        return netServer.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS)
                .eventually(() -> Future.fromCompletionStage(connections.allEnded()));
    }

    /**
     * {@link #close()} without blocking: {@link #shutdown(Duration)} with the configuration's close
     * timeout.
     *
     * @return completes once every socket has closed
     */
    public Future<Void> shutdown() {
        return shutdown(settings.config().closeTimeout());
    }

    /**
     * Settings of a server: those of every wskit server ({@link ServerBuilder}), then TLS and
     * Vert.x's own; each setter checks its argument at once.
     */
    public static final class Builder extends ServerBuilder<Builder> {
        private final Vertx vertx;
        private NetServerOptions options = new NetServerOptions();
        private int sharedPortKey;

        private Builder(Vertx vertx) {
            this.vertx = Objects.requireNonNull(vertx, "vertx");
        }

        /**
         * Socket and TLS settings to start from (copied); host and port come from this builder.
         *
         * @param options the socket and TLS settings, copied; not {@code null}
         * @return this builder
         */
        public Builder options(NetServerOptions options) {
            this.options = new NetServerOptions(Objects.requireNonNull(options, "options"));
            return this;
        }

        /**
         * Serves {@code wss} with this key and certificate: {@code setSsl(true)} on the options.
         *
         * @param tls the server's key and certificate; not {@code null}
         * @return this builder
         */
        public Builder tls(KeyCertOptions tls) {
            options.setSsl(true).setKeyCertOptions(Objects.requireNonNull(tls, "tls"));
            return this;
        }

        /**
         * Listens on a free port that every server of the same Vert.x given the same {@code key}
         * shares (Vert.x's negative port {@code -key}), as instances of a {@link WebSocketVerticle}
         * do; replaces {@link #port}.
         *
         * @param key names the shared port; at least 1
         * @return this builder
         */
        public Builder sharedFreePort(int key) {
            this.sharedPortKey = ArgumentChecks.positive(key, "key");
            return this;
        }

        /**
         * The server, not started yet.
         *
         * @throws IllegalStateException when no handler was set
         */
        @Override
        public VertxWebSocketServer build() {
            return new VertxWebSocketServer(settings(), this);
        }
    }
}
