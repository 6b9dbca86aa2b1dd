package dev.wskit.transport.netty;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ClientSettings;
import dev.wskit.transport.core.ConnectOptions;
import dev.wskit.transport.core.ConnectionGroup;
import dev.wskit.transport.core.TunnelHandshake;
import dev.wskit.transport.core.WebSocketClient;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
    private final EventLoops owned;
    private final EventLoopGroup group;
    private final ConnectionGroup connections = ConnectionGroup.unbounded();

    private NettyWebSocketClient(ClientSettings settings, Builder b) throws SSLException {
        super(settings);
        // Netty's client default verifies the certificate chain; the HTTPS algorithm adds the
        // host name check (RFC 6125) against the URI's host.
        this.tls = b.tls != null ? b.tls
                : SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
        this.owned = b.group == null ? new EventLoops("wskit-netty-client", 0) : null;
        this.group = b.group == null ? owned.group() : b.group;
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
        WebSocketChannelHandler connection = WebSocketChannelHandler.client(opening.handshake(), settings(), handler);
        CompletableFuture<WebSocket> opened = connection.opened();
        Function<ByteBufAllocator, ChannelHandler> tls =
                opening.target().isSecure() ? alloc -> tlsHandler(alloc, opening, opened) : null;
        ProxyTunnelHandler tunnel = opening.tunnel() == null ? null
                : new ProxyTunnelHandler(new TunnelHandshake(opening.tunnel(), opening.deadline()), tls, opened);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(EventLoops.channelType(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings().connectTimeoutMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tunnel != null) {
                            // TLS, if any, joins behind it once the tunnel is open.
                            channel.pipeline().addLast(tunnel);
                        } else if (tls != null) {
                            channel.pipeline().addLast(tls.apply(channel.alloc()));
                        }
                        channel.pipeline().addLast(connection);
                    }
                });
        ChannelFuture connecting = bootstrap.connect(opening.tcpHost(), opening.tcpPort());
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                admit(connection, tunnel, connecting.channel());
            } else {
                opened.completeExceptionally(done.cause());
            }
        });
        return opened;
    }

    /** Netty's connect returns at once already. */
    @Override
    protected CompletableFuture<WebSocket> connectInBackground(URI uri, WebSocketHandler handler, ConnectOptions options) {
        return connect(uri, handler, options);
    }

    @Override
    protected void scheduleAttempt(Duration delay, Runnable attempt) {
        group.next().schedule(attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * RFC 6455 §4.1 item 5 (wss): TLS with the server's host for SNI and the certificate check,
     * through a proxy too; the handshake within what is left of the connect timeout.
     */
    private SslHandler tlsHandler(ByteBufAllocator alloc, ClientSettings.Opening opening, CompletableFuture<WebSocket> opened) {
        SslHandler handshaking = tls.newHandler(alloc, opening.target().host(), opening.target().port());
        handshaking.setHandshakeTimeout(opening.deadline().nanosLeft(), TimeUnit.NANOSECONDS);
        handshaking.handshakeFuture().addListener(done -> {
            if (!done.isSuccess()) {
                opened.completeExceptionally(done.cause());
            }
        });
        return handshaking;
    }

    private void admit(WebSocketChannelHandler connection, ProxyTunnelHandler tunnel, Channel channel) {
        // While a proxy's tunnel opens the WebSocket handler has not started: going away closes the channel.
        ConnectionGroup.Member member = ConnectionGroup.Member.of(reason -> {
            if (tunnel == null || tunnel.isOpen()) {
                connection.goingAway(reason);
            } else {
                channel.close();
            }
        }, connection::drop);
        if (!connections.tryAdd(member)) {
            // Connected while the client closes.
            connection.opened().completeExceptionally(new IllegalStateException("client closed"));
            channel.close();
            return;
        }
        channel.closeFuture().addListener(closed -> connections.remove(member));
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
        if (owned != null) {
            owned.shutdown(SHUTDOWN_TIMEOUT);
        }
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
