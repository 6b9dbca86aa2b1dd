package dev.wskit.transport.vertx;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.WebSocketUri;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ClientConnect;
import dev.wskit.transport.core.ClientSettings;
import dev.wskit.transport.core.ConnectDeadline;
import dev.wskit.transport.core.ConnectOptions;
import dev.wskit.transport.core.ConnectionDriver;
import dev.wskit.transport.core.OpenConnections;
import dev.wskit.transport.core.TunnelHandshake;
import dev.wskit.transport.core.WebSocketClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client on a Vert.x {@link NetClient}: {@code ws://} and {@code wss://} (RFC 6455
 * §3, §4.1). Each connection runs on the context it was connected from (or a fresh event-loop
 * context when called from outside Vert.x); its handler is called there, and the returned
 * {@link WebSocket} may be used from any thread.
 *
 * <p>For {@code wss} the host name is verified ({@code "HTTPS"}) unless the TLS options name
 * another algorithm, or {@code ""} for none.
 *
 * <p>{@link #close()} blocks, so on an event loop use its asynchronous form, {@link #shutdown()}.
 * The waits of a {@linkplain #reconnecting reconnecting} connection are Vert.x timers.
 */
public final class VertxWebSocketClient extends WebSocketClient<Future<WebSocket>, RuntimeException> {
    private static final String HTTPS_HOSTNAME_VERIFICATION = "HTTPS";

    private final Vertx vertx;
    private final NetClient netClient;
    private final ClientSSLOptions tls;
    private final ClientTls clientTls;
    private final OpenConnections connections = new OpenConnections();
    private volatile boolean closed;

    private VertxWebSocketClient(ClientSettings settings, Builder b) {
        super(settings);
        this.vertx = b.vertx;
        NetClientOptions options = new NetClientOptions(b.options).setConnectTimeout(settings.connectTimeoutMillis());
        this.tls = tlsOptions(b.tls != null ? b.tls : options.getSslOptions());
        this.netClient = vertx.createNetClient(options);
        this.clientTls = new ClientTls(vertx, options);
    }

    /**
     * A builder for a client on {@code vertx}; every setting has a default.
     *
     * @param vertx the Vert.x instance the client's sockets run on
     * @return a new builder
     */
    public static Builder builder(Vertx vertx) {
        return new Builder(vertx);
    }

    /**
     * Connects to {@code uri}, with what {@code options} adds to this connect's opening request
     * (its subprotocols offered instead of the configuration's); {@code handler} receives the
     * connection's events, {@code onOpen} first.
     *
     * @param uri the server's {@code ws:} or {@code wss:} URI
     * @param handler the application's handler for this connection
     * @return completes with the open socket, or fails with an
     *     {@link dev.wskit.protocol.handshake.UpgradeRefusedException} carrying the server's
     *     response when its status is not 101, the engine's {@link WebSocketException} for another
     *     failed handshake (wrong accept key, timeout, …), a
     *     {@code ProxyConnectException} when a {@linkplain ClientBuilder#proxy proxy} does not open
     *     the tunnel, or the socket's own failure (refused, TLS)
     * @throws IllegalArgumentException when {@code uri} is not a valid WebSocket URI (RFC 6455 §3)
     * @throws IllegalStateException after {@link #close()} or {@link #shutdown()}
     */
    @Override
    public Future<WebSocket> connect(URI uri, WebSocketHandler handler, ConnectOptions options) {
        ClientSettings.Opening opening = settings().opening(uri, handler, options, closed);
        return Future.fromCompletionStage(new SocketConnect(opening, handler).run());
    }

    /** Vert.x's connect returns at once already. */
    @Override
    protected CompletionStage<WebSocket> connectInBackground(URI uri, WebSocketHandler handler, ConnectOptions options) {
        return connect(uri, handler, options).toCompletionStage();
    }

    @Override
    protected void scheduleAttempt(Duration delay, Runnable attempt) {
        vertx.setTimer(Math.max(1, delay.toMillis()), timer -> attempt.run());
    }

    /** One connect's steps on a Vert.x socket, each on the socket's context, where Vert.x completes its futures. */
    private final class SocketConnect extends ClientConnect<NetSocket> {
        SocketConnect(ClientSettings.Opening opening, WebSocketHandler handler) {
            // Vert.x's own shutdown of the client's sockets ends them: no group.
            super(opening, handler, null);
        }

        /** Without TLS, whatever the client's options say: TLS is a step of its own, to the server behind a proxy too. */
        @Override
        protected void connect(String host, int port, CompletableFuture<NetSocket> connected) {
            netClient.connect(new io.vertx.core.net.ConnectOptions().setHost(host).setPort(port).setSsl(false))
                    .onComplete(connected::complete, connected::completeExceptionally);
        }

        @Override
        protected CompletionStage<Void> openTunnel(NetSocket socket, TunnelHandshake tunnel) {
            return ProxyHandshake.open(vertx, socket, tunnel);
        }

        @Override
        protected CompletionStage<Void> startTls(NetSocket socket, WebSocketUri target, ConnectDeadline deadline) {
            ContextInternal context = (ContextInternal) Vertx.currentContext();
            return clientTls.start(context, socket, tls, target, deadline.millisLeft()).toCompletionStage();
        }

        @Override
        protected ConnectionDriver startWebSocket(NetSocket socket, ClientHandshake handshake, WebSocketHandler handler) {
            NetSocketConnection connection = new NetSocketConnection(VertxWebSocketClient.this, Vertx.currentContext(), socket,
                    io -> settings().newConnection(handshake, handler, io));
            connections.add(connection.driver());
            connection.start(ClientSettings.CLOSE_REASON);
            return connection.driver();
        }

        @Override
        protected void close(NetSocket socket) {
            socket.close();
        }
    }

    /**
     * Closes every connection with {@code 1001 "client closing"}, waits up to the configuration's
     * close timeout for the closing handshakes, then closes the rest (Vert.x's own shutdown), and
     * returns once every socket of this client has closed. Later connects are refused.
     *
     * @throws IllegalStateException on an event loop (use {@link #shutdown()})
     */
    @Override
    public void close() {
        BlockingWait.refuseOnEventLoop("close()", "shutdown()");
        BlockingWait.await(shutdown());
    }

    /**
     * {@link #close()} without blocking: completes when every socket of this client has closed
     * and its handler had {@code onClose}.
     *
     * @return completes once every socket has closed
     */
    public Future<Void> shutdown() {
        closed = true;
        return netClient.shutdown(settings().config().closeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .eventually(() -> Future.fromCompletionStage(connections.allEnded()));
    }

    private static ClientSSLOptions tlsOptions(ClientSSLOptions given) {
        ClientSSLOptions tls = given == null ? new ClientSSLOptions() : given.copy();
        if (tls.getHostnameVerificationAlgorithm() == null) {
            tls.setHostnameVerificationAlgorithm(HTTPS_HOSTNAME_VERIFICATION);
        }
        return tls;
    }

    /**
     * Settings of a client: those of every wskit client ({@link ClientBuilder}), then TLS and
     * Vert.x's own; each setter checks its argument at once.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        private final Vertx vertx;
        private NetClientOptions options = new NetClientOptions();
        private ClientSSLOptions tls;

        private Builder(Vertx vertx) {
            this.vertx = Objects.requireNonNull(vertx, "vertx");
        }

        /**
         * Socket settings to start from (copied); the connect timeout comes from this builder.
         *
         * @param options the socket settings, copied; not {@code null}
         * @return this builder
         */
        public Builder options(NetClientOptions options) {
            this.options = new NetClientOptions(Objects.requireNonNull(options, "options"));
            return this;
        }

        /**
         * The TLS settings for {@code wss} (trust, a client certificate, host name verification),
         * in place of the options' own; default: the JDK's trust store, host names verified.
         *
         * @param tls the TLS settings, copied; not {@code null}
         * @return this builder
         */
        public Builder tls(ClientSSLOptions tls) {
            this.tls = Objects.requireNonNull(tls, "tls").copy();
            return this;
        }

        /**
         * The client.
         *
         * @return the client, ready to connect
         */
        public VertxWebSocketClient build() {
            return new VertxWebSocketClient(settings(), this);
        }
    }
}
