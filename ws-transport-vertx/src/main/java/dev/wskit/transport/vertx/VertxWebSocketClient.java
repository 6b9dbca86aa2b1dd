package dev.wskit.transport.vertx;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.transport.core.ConnectionDriver;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.WebSocketUri;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A WebSocket client on a Vert.x {@link NetClient}: {@code ws://} and {@code wss://} (RFC 6455
 * §3, §4.1). Each connection runs on the context it was connected from (or a fresh event-loop
 * context when called from outside Vert.x); its handler is called there, and the returned
 * {@link WebSocket} may be used from any thread.
 *
 * <p>TLS comes from the {@link NetClientOptions} (trust options, key options); for {@code wss}
 * the host name is verified ({@code "HTTPS"}) unless those options name another algorithm or
 * {@code ""} for none.
 */
public final class VertxWebSocketClient {
    private static final String HTTPS_HOSTNAME_VERIFICATION = "HTTPS";

    private final Vertx vertx;
    private final NetClient netClient;
    private final ClientSSLOptions tlsOptions;
    private final WebSocketConfig config;

    private VertxWebSocketClient(Builder b) {
        this.vertx = b.vertx;
        this.config = b.config;
        NetClientOptions options = new NetClientOptions(b.options);
        if (b.connectTimeout != null) {
            options.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, b.connectTimeout.toMillis()));
        }
        this.tlsOptions = tlsOptions(options);
        this.netClient = vertx.createNetClient(options);
    }

    public static Builder builder(Vertx vertx) {
        return new Builder(vertx);
    }

    /** Connects to {@code uri} and completes once the opening handshake succeeded. */
    public Future<WebSocket> connect(URI uri, WebSocketHandler handler) {
        return connect(uri, request -> { }, handler);
    }

    /**
     * Connects to {@code uri}, letting {@code request} add header fields or an {@code Origin} to
     * the opening request. Subprotocols offered are those of the configuration.
     *
     * @return completes with the open socket, or fails with the engine's
     *     {@link WebSocketException} (status not 101, wrong accept key, timeout, …) or the
     *     socket's own failure (refused, TLS)
     */
    public Future<WebSocket> connect(URI uri, Consumer<ClientHandshake.Builder> request, WebSocketHandler handler) {
        Objects.requireNonNull(handler, "handler");
        WebSocketUri target;
        ClientHandshake handshake;
        try {
            target = WebSocketUri.of(uri);
            ClientHandshake.Builder builder = ClientHandshake.builder(uri);
            request.accept(builder);
            handshake = builder.build(config);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        Promise<WebSocket> opened = Promise.promise();
        netClient.connect(connectOptions(target)).onComplete(connected -> {
            if (connected.failed()) {
                opened.fail(connected.cause());
            } else {
                start(connected.result(), handshake, handler, opened);
            }
        });
        return opened.future();
    }

    /** Runs on the new socket's context: the connect future's listeners are called there. */
    private void start(NetSocket socket, ClientHandshake handshake, WebSocketHandler handler, Promise<WebSocket> opened) {
        NetSocketConnection connection = new NetSocketConnection(this, vertx, Vertx.currentContext(), socket,
                io -> ConnectionDriver.client(handshake, config, handler, io));
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
        connection.start("client stopping");
    }

    private ConnectOptions connectOptions(WebSocketUri target) {
        ConnectOptions options = new ConnectOptions()
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.isSecure());
        if (target.isSecure()) {
            options.setSslOptions(tlsOptions);
            target.serverName().ifPresent(options::setSniServerName);
        }
        return options;
    }

    /**
     * Closes every connection gracefully (1001, then up to the close timeout for the closing
     * handshakes) and releases the client.
     */
    public Future<Void> close() {
        return netClient.shutdown(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static ClientSSLOptions tlsOptions(NetClientOptions options) {
        ClientSSLOptions tls = options.getSslOptions() == null ? new ClientSSLOptions() : options.getSslOptions().copy();
        if (tls.getHostnameVerificationAlgorithm() == null) {
            tls.setHostnameVerificationAlgorithm(HTTPS_HOSTNAME_VERIFICATION);
        }
        return tls;
    }

    /** Settings of a {@link VertxWebSocketClient}. */
    public static final class Builder {
        private final Vertx vertx;
        private WebSocketConfig config = WebSocketConfig.defaults();
        private NetClientOptions options = new NetClientOptions();
        private Duration connectTimeout;

        private Builder(Vertx vertx) {
            this.vertx = Objects.requireNonNull(vertx, "vertx");
        }

        /** Limits, timeouts and the subprotocols offered. Default {@link WebSocketConfig#defaults()}. */
        public Builder config(WebSocketConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Socket and TLS settings (trust options, key options, hostname verification); copied. */
        public Builder options(NetClientOptions options) {
            this.options = new NetClientOptions(Objects.requireNonNull(options, "options"));
            return this;
        }

        /** How long the TCP connect may take; default: the options' own (Vert.x: 60 s). */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("connectTimeout must not be negative: " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        public VertxWebSocketClient build() {
            return new VertxWebSocketClient(this);
        }
    }
}
