package dev.wskit.transport.vertx;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.WebSocketUri;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ClientSettings;
import dev.wskit.transport.core.ConnectOptions;
import dev.wskit.transport.core.TunnelHandshake;
import dev.wskit.transport.core.WebSocketClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
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
    private final TlsInTunnel tlsInTunnel;
    private final OpenSockets connections = new OpenSockets();
    private volatile boolean closed;

    private VertxWebSocketClient(ClientSettings settings, Builder b) {
        super(settings);
        this.vertx = b.vertx;
        NetClientOptions options = new NetClientOptions(b.options).setConnectTimeout(settings.connectTimeoutMillis());
        this.tls = tlsOptions(b.tls != null ? b.tls : options.getSslOptions());
        this.netClient = vertx.createNetClient(options);
        this.tlsInTunnel = settings.proxy() == null ? null : new TlsInTunnel(vertx, options);
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
        Promise<WebSocket> opened = Promise.promise();
        netClient.connect(connectOptions(opening)).onComplete(connected -> {
            if (connected.failed()) {
                opened.fail(connected.cause());
            } else if (opening.tunnel() == null) {
                start(connected.result(), opening.handshake(), handler, opened);
            } else {
                NetSocket socket = connected.result();
                throughTunnel(socket, opening).onComplete(open -> {
                    if (open.failed()) {
                        opened.fail(open.cause());
                    } else {
                        start(socket, opening.handshake(), handler, opened);
                    }
                });
            }
        });
        return opened.future();
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

    /**
     * The proxy's {@code CONNECT}, then TLS to the server for {@code wss}, within what is left of the
     * connect timeout; on the socket's context.
     */
    private Future<Void> throughTunnel(NetSocket socket, ClientSettings.Opening opening) {
        Future<Void> open = ProxyHandshake.open(vertx, socket, new TunnelHandshake(opening.tunnel(), opening.deadline()));
        if (!opening.target().isSecure()) {
            return open;
        }
        ContextInternal context = (ContextInternal) Vertx.currentContext();
        return open.compose(tunnelled -> tlsInTunnel.start(context, socket, tls, opening.target(), opening.deadline().millisLeft()));
    }

    /** Runs on the new socket's context: the connect future's listeners are called there. */
    private void start(NetSocket socket, ClientHandshake handshake, WebSocketHandler handler, Promise<WebSocket> opened) {
        NetSocketConnection connection = new NetSocketConnection(this, Vertx.currentContext(), socket,
                io -> settings().newConnection(handshake, handler, io));
        connection.driver().opened().whenComplete((socketOpened, failure) -> {
            if (failure == null) {
                opened.tryComplete(socketOpened);
            } else {
                // The socket's own error (TLS, reset), if any, stays with the engine's verdict.
                if (connection.socketError() != null && failure != connection.socketError()) {
                    failure.addSuppressed(connection.socketError());
                }
                opened.tryFail(failure);
            }
        });
        connections.add(connection);
        connection.start(ClientSettings.CLOSE_REASON);
    }

    /** To the proxy as the client's options say; straight to the server with TLS for {@code wss}, and SNI. */
    private io.vertx.core.net.ConnectOptions connectOptions(ClientSettings.Opening opening) {
        io.vertx.core.net.ConnectOptions options = new io.vertx.core.net.ConnectOptions()
                .setHost(opening.tcpHost())
                .setPort(opening.tcpPort());
        WebSocketUri target = opening.target();
        if (opening.tunnel() == null) {
            options.setSsl(target.isSecure());
            if (target.isSecure()) {
                options.setSslOptions(tls);
                target.serverName().ifPresent(options::setSniServerName);
            }
        }
        return options;
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
                .eventually(connections::allClosed);
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
