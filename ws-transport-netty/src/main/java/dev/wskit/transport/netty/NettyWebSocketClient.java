package dev.wskit.transport.netty;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.WebSocketUri;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ClientConnect;
import dev.wskit.transport.core.ClientSettings;
import dev.wskit.transport.core.ConnectDeadline;
import dev.wskit.transport.core.ConnectOptions;
import dev.wskit.transport.core.ConnectionDriver;
import dev.wskit.transport.core.ConnectionGroup;
import dev.wskit.transport.core.TunnelHandshake;
import dev.wskit.transport.core.WebSocketClient;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A WebSocket client on Netty. {@link #connect} opens a channel, runs the opening handshake in
 * the engine and completes with the connection's thread-safe {@link WebSocket}, or with the
 * cause: an {@code UpgradeRefusedException} with the server's response for a status not 101, the
 * engine's {@code WebSocketException} for another failed handshake (a wrong accept value...), a
 * {@code ProxyConnectException} when a {@linkplain ClientBuilder#proxy proxy} does not open the
 * tunnel, the I/O or TLS exception otherwise. Handler callbacks run on the channel's
 * event loop. {@link #close()} closes the client's connections with 1001, then shuts down the
 * event loop group if the client created it. The waits of a {@linkplain #reconnecting reconnecting}
 * connection run on the client's event loops.
 */
public final class NettyWebSocketClient extends WebSocketClient<CompletableFuture<WebSocket>, RuntimeException> {
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final SslContext tls;
    private final EventLoops loops;
    private final ConnectionGroup connections = ConnectionGroup.unbounded();

    private NettyWebSocketClient(ClientSettings settings, Builder b) throws SSLException {
        super(settings);
        // Netty's client default verifies the certificate chain; the HTTPS algorithm adds the
        // host name check (RFC 6125) against the URI's host.
        this.tls = b.tls != null ? b.tls
                : SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
        this.loops = EventLoops.givenOrOwn(b.group, "wskit-netty-client", 0);
    }

    /**
     * A builder; every setting has a default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects to a {@code ws} or {@code wss} URI, with what {@code options} adds to this connect's
     * opening request; {@code handler} receives the connection's events, {@code onOpen} first.
     *
     * @param uri the server's {@code ws:} or {@code wss:} URI
     * @param handler the application's handler for this connection
     * @return completes with the open socket once {@code onOpen} ran, or fails with why the connect
     *     or the handshake failed ({@link dev.wskit.protocol.handshake.UpgradeRefusedException} for
     *     a status other than 101)
     * @throws IllegalArgumentException when {@code uri} is not a valid WebSocket URI (RFC 6455 §3)
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public CompletableFuture<WebSocket> connect(URI uri, WebSocketHandler handler, ConnectOptions options) {
        ClientSettings.Opening opening = settings().opening(uri, handler, options, connections.isClosing());
        return new ChannelConnect(opening, handler).run();
    }

    /** Netty's connect returns at once already. */
    @Override
    protected CompletableFuture<WebSocket> connectInBackground(URI uri, WebSocketHandler handler, ConnectOptions options) {
        return connect(uri, handler, options);
    }

    @Override
    protected void scheduleAttempt(Duration delay, Runnable attempt) {
        loops.group().next().schedule(attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** One connect's steps on a Netty channel, each adding its handler once the one before it is done. */
    private final class ChannelConnect extends ClientConnect<Channel> {
        ChannelConnect(ClientSettings.Opening opening, WebSocketHandler handler) {
            super(opening, handler, connections);
        }

        @Override
        protected void connect(String host, int port, CompletableFuture<Channel> connected) {
            ChannelFuture connecting = new Bootstrap()
                    .group(loops.group())
                    .channel(EventLoops.channelType(loops.group()))
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings().connectTimeoutMillis())
                    // Each step adds its handler once connected.
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect(host, port);
            complete(connecting, connected, connecting.channel());
        }

        @Override
        protected CompletionStage<Void> openTunnel(Channel channel, TunnelHandshake tunnel) {
            ProxyTunnelHandler reader = new ProxyTunnelHandler(tunnel);
            channel.pipeline().addLast(reader);
            return tunnel.start(request -> channel.writeAndFlush(Unpooled.wrappedBuffer(request))
                            .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE),
                    (delayNanos, task) -> WebSocketChannelHandler.schedule(channel.eventLoop(), delayNanos, task))
                    .thenRun(() -> channel.pipeline().remove(reader));
        }

        @Override
        protected CompletionStage<Void> startTls(Channel channel, WebSocketUri target, ConnectDeadline deadline) {
            SslHandler handshaking = tls.newHandler(channel.alloc(), target.host(), target.port());
            handshaking.setHandshakeTimeout(deadline.nanosLeft(), TimeUnit.NANOSECONDS);
            channel.pipeline().addLast(handshaking);
            CompletableFuture<Void> done = new CompletableFuture<>();
            complete(handshaking.handshakeFuture(), done, null);
            return done;
        }

        /**
         * On the event loop, in the call of the step before, which a close of the channel would
         * have failed: the channel is active, and the handler starts as it is added.
         */
        @Override
        protected ConnectionDriver startWebSocket(Channel channel, ClientHandshake handshake, WebSocketHandler handler) {
            WebSocketChannelHandler connection = WebSocketChannelHandler.client(handshake, settings(), handler);
            channel.pipeline().addLast(connection);
            return connection.driver();
        }

        @Override
        protected void close(Channel channel) {
            channel.close();
        }
    }

    /** Completes {@code stage} with {@code value} as Netty's {@code future} completes, on its event loop. */
    private static <T> void complete(Future<?> future, CompletableFuture<T> stage, T value) {
        future.addListener(done -> {
            if (done.isSuccess()) {
                stage.complete(value);
            } else {
                stage.completeExceptionally(done.cause());
            }
        });
    }

    /**
     * Closes every connection this client opened with {@code 1001 "client closing"} (RFC 6455
     * §7.4.1: going away), waits up to the close timeout for their closing handshakes, drops the
     * rest, then shuts down the event loop group if this client created it. Later connects are
     * refused.
     */
    @Override
    public void close() {
        connections.closeAll(ClientSettings.CLOSE_REASON, settings().config().closeTimeout());
        loops.shutdown(SHUTDOWN_TIMEOUT);
    }

    /**
     * Settings of a client: those of every wskit client ({@link ClientBuilder}), then TLS and the
     * event loops; each setter checks its argument at once.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        private EventLoopGroup group;
        private SslContext tls;

        private Builder() {
        }

        /**
         * Runs on the application's event loops, which the client then never shuts down.
         *
         * @param group the event loops; not {@code null}
         * @return this builder
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = Objects.requireNonNull(group, "group");
            return this;
        }

        /**
         * The TLS context for {@code wss}; default: the JDK's trust store, host names verified.
         *
         * @param tls a client context (from {@code SslContextBuilder.forClient}); not {@code null}
         * @return this builder
         */
        public Builder tls(SslContext tls) {
            Objects.requireNonNull(tls, "tls");
            if (!tls.isClient()) {
                throw new IllegalArgumentException("tls needs a client SslContext (SslContextBuilder.forClient)");
            }
            this.tls = tls;
            return this;
        }

        /**
         * The client.
         *
         * @return the client, ready to connect
         * @throws IllegalStateException when the default TLS context cannot be created
         */
        public NettyWebSocketClient build() {
            try {
                return new NettyWebSocketClient(settings(), this);
            } catch (SSLException e) {
                throw new IllegalStateException("cannot create the default TLS context", e);
            }
        }
    }
}
