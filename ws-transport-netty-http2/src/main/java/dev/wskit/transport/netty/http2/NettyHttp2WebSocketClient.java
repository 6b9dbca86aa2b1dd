package dev.wskit.transport.netty.http2;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.WebSocketUri;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ClientSettings;
import dev.wskit.transport.core.ConnectDeadline;
import dev.wskit.transport.core.ConnectOptions;
import dev.wskit.transport.core.ConnectionGroup;
import dev.wskit.transport.core.WebSocketClient;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A WebSocket client over HTTP/2 (RFC 8441) on Netty: every WebSocket to one server is a stream
 * of one HTTP/2 connection (h2c with prior knowledge for {@code ws}, h2 by ALPN for {@code wss}),
 * opened once that server's SETTINGS allow extended CONNECT (RFC 8441 §3). Each WebSocket has its
 * own engine and handler; its callbacks run on the connection's event loop.
 *
 * <p>It is a wskit client like the others ({@link WebSocketClient}): {@link #connect} completes
 * with the open {@link WebSocket} or fails with the cause (an
 * {@link dev.wskit.protocol.handshake.UpgradeRefusedException} for a status other than 2xx,
 * RFC 8441 §5; an {@code IOException} when the connection cannot be made or the server does not
 * allow extended CONNECT), {@link #reconnecting} connects again after a drop, and
 * {@link #close()} closes every WebSocket with 1001 before it closes the connections. Over HTTP/2
 * the opening answer is a {@code 200} rather than HTTP/1.1's {@code 101}, and there is no
 * {@code Sec-WebSocket-Key} or {@code Sec-WebSocket-Accept} (RFC 8441 §5).
 */
public final class NettyHttp2WebSocketClient extends WebSocketClient<CompletableFuture<WebSocket>, RuntimeException> {
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final SslContext tls;
    private final EventLoopGroup loop;
    /** Every WebSocket stream this client opened, for the 1001 of {@link #close()}. */
    private final ConnectionGroup streams = ConnectionGroup.unbounded();
    /** The connections to each server, each ready once its SETTINGS came; guarded by itself. */
    private final Map<String, List<ClientConnection>> connections = new HashMap<>();

    private NettyHttp2WebSocketClient(ClientSettings settings, SslContext tls) {
        super(settings);
        this.tls = tls;
        this.loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("wskit-netty-h2-client"),
                NioIoHandler.newFactory());
    }

    /**
     * A builder; every setting has a default.
     *
     * @return a new builder, each call its own
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a WebSocket on a stream of the connection to {@code uri}'s server, making that
     * connection first if there is none, with what {@code options} adds to this connect's extended
     * CONNECT; {@code handler} receives the WebSocket's events, {@code onOpen} first.
     *
     * @param uri the server's {@code ws://} (h2c with prior knowledge) or {@code wss://} (h2 by
     *     ALPN) URI (RFC 6455 §3); its path and query become the CONNECT's {@code :path}, its host
     *     and port its {@code :authority} (RFC 8441 §4)
     * @param handler the application's handler for this WebSocket alone; its callbacks run on the
     *     connection's event loop
     * @param options the subprotocols, extensions and header fields this connect adds to the
     *     builder's request; {@link ConnectOptions#none()} adds nothing
     * @return completes with the open socket once {@code onOpen} returned; fails with an
     *     {@code UpgradeRefusedException} when the server answers other than 2xx (RFC 8441 §5), or
     *     an {@code IOException} when the connection cannot be made within the connect timeout or
     *     the server's SETTINGS do not carry SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (RFC 8441 §3)
     * @throws IllegalArgumentException when {@code uri} is not a valid WebSocket URI (RFC 6455 §3)
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public CompletableFuture<WebSocket> connect(URI uri, WebSocketHandler handler, ConnectOptions options) {
        ClientSettings.Opening opening = settings().openingOverHttp2(uri, handler, options, streams.isClosing());
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        ClientConnection connection = connectionWithRoom(opening.target(), opening.deadline());
        connection.ready.whenComplete((parent, failure) -> {
            if (failure != null) {
                release(connection);
                opened.completeExceptionally(failure);
                return;
            }
            Http2ClientStream stream = new Http2ClientStream(opening.handshake(), settings(), handler, opened, streams);
            Future<Http2StreamChannel> open = new Http2StreamChannelBootstrap(parent).handler(stream).open();
            open.addListener(done -> {
                if (done.isSuccess()) {
                    open.getNow().closeFuture().addListener(closed -> release(connection));
                } else {
                    release(connection);
                    opened.completeExceptionally(done.cause());
                }
            });
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
        loop.next().schedule(attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * A connection to {@code target}'s server with room for one more WebSocket, that place taken:
     * an open one, or a new one when every one is full or gone (RFC 9113 §5.1.2).
     */
    private ClientConnection connectionWithRoom(WebSocketUri target, ConnectDeadline deadline) {
        String key = (target.isSecure() ? "h2://" : "h2c://") + target.host() + ":" + target.port();
        synchronized (connections) {
            List<ClientConnection> known = connections.computeIfAbsent(key, server -> new ArrayList<>());
            ClientConnection connection = known.stream().filter(ClientConnection::hasRoom).findFirst().orElse(null);
            if (connection == null) {
                known.removeIf(ClientConnection::isGone);
                connection = connect(target, key, deadline);
                known.add(connection);
            }
            connection.take();
            return connection;
        }
    }

    private void release(ClientConnection connection) {
        synchronized (connections) {
            connection.release();
        }
    }

    /**
     * A new HTTP/2 connection, ready once the server's first SETTINGS allow extended CONNECT; the
     * connect timeout bounds the TCP connect, the TLS handshake and the wait for those SETTINGS.
     */
    private ClientConnection connect(WebSocketUri target, String key, ConnectDeadline deadline) {
        ClientConnection connection = new ClientConnection();
        CompletableFuture<Channel> ready = connection.ready;
        ChannelFuture connecting = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, deadline.millisLeft())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (target.isSecure()) {
                            channel.pipeline().addLast(tlsHandler(channel, target, deadline, ready));
                        }
                        Http2FrameCodec codec = Http2FrameCodecBuilder.forClient()
                                .initialSettings(ReceiveWindows.in(Http2Settings.defaultSettings())).build();
                        channel.pipeline().addLast(codec, new ExtendedConnectGate(codec, connection),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                })
                .connect(target.host(), target.port());
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                ready.completeExceptionally(new IOException("cannot connect to " + key + ": "
                        + connected.cause().getMessage(), connected.cause()));
                return;
            }
            Channel channel = connecting.channel();
            var timer = channel.eventLoop().schedule(() -> {
                if (ready.completeExceptionally(new ConnectTimeoutException("no SETTINGS from " + key
                        + " within the connect timeout of " + deadline.timeout()))) {
                    channel.close();
                }
            }, deadline.nanosLeft(), TimeUnit.NANOSECONDS);
            ready.whenComplete((ok, failed) -> timer.cancel(false));
        });
        return connection;
    }

    /**
     * RFC 6455 §4.1 item 5 (wss): TLS with the server's host for SNI and the certificate check;
     * the handshake within what is left of the connect timeout.
     */
    private SslHandler tlsHandler(SocketChannel channel, WebSocketUri target, ConnectDeadline deadline,
                                  CompletableFuture<Channel> ready) {
        SslHandler handshaking = tls.newHandler(channel.alloc(), target.host(), target.port());
        handshaking.setHandshakeTimeout(deadline.nanosLeft(), TimeUnit.NANOSECONDS);
        handshaking.handshakeFuture().addListener(done -> {
            if (!done.isSuccess()) {
                ready.completeExceptionally(done.cause());
            } else if (!ApplicationProtocolNames.HTTP_2.equals(handshaking.applicationProtocol())) {
                // RFC 9113 §3.2: h2 over TLS only where ALPN chose it.
                ready.completeExceptionally(new IOException("the server did not choose h2 by ALPN (chose "
                        + handshaking.applicationProtocol() + "): WebSockets over HTTP/2 need it"));
                channel.close();
            }
        });
        return handshaking;
    }

    /**
     * Closes every WebSocket this client opened with {@code 1001 "client closing"} (RFC 6455
     * §7.4.1: going away), waits up to the close timeout for their closing handshakes, resets the
     * rest, then closes the HTTP/2 connections and ends the event loop. Later connects are refused.
     */
    @Override
    public void close() {
        streams.closeAll(ClientSettings.CLOSE_REASON, settings().config().closeTimeout());
        synchronized (connections) {
            connections.values().forEach(known -> known.forEach(each -> each.ready.thenAccept(Channel::close)));
        }
        loop.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /**
     * RFC 8441 §3: a client sends an extended CONNECT only to a server whose SETTINGS carried
     * SETTINGS_ENABLE_CONNECT_PROTOCOL = 1; the connection is ready, or refused, on the first SETTINGS.
     * It also hears how many streams the server allows, and its GOAWAY, after which the next
     * WebSocket goes on a new connection.
     */
    private static final class ExtendedConnectGate extends ChannelInboundHandlerAdapter {
        private final Http2FrameCodec codec;
        private final ClientConnection connection;
        private final CompletableFuture<Channel> ready;

        ExtendedConnectGate(Http2FrameCodec codec, ClientConnection connection) {
            this.codec = codec;
            this.connection = connection;
            this.ready = connection.ready;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2GoAwayFrame) {
                connection.goneAway();
            }
            if (!(msg instanceof Http2SettingsFrame settings)) {
                ctx.fireChannelRead(msg);
                return;
            }
            ReferenceCountUtil.release(msg);
            Long maxStreams = settings.settings().maxConcurrentStreams();
            if (maxStreams != null) {
                connection.serverAllows(maxStreams);
            }
            if (Boolean.TRUE.equals(settings.settings().connectProtocolEnabled())) {
                if (!ready.isDone()) {
                    // Our preface went out before the server's SETTINGS came.
                    ReceiveWindows.widenConnection(codec);
                    ctx.flush();
                }
                ready.complete(ctx.channel());
            } else if (!ready.isDone()) {
                ready.completeExceptionally(new IOException(
                        "the server does not allow WebSockets over HTTP/2 (no SETTINGS_ENABLE_CONNECT_PROTOCOL)"));
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ready.completeExceptionally(new IOException("the connection closed before the server's SETTINGS"));
            ctx.fireChannelInactive();
        }
    }

    /**
     * Settings of a client: those of every wskit client ({@link ClientBuilder}: configuration,
     * connect timeout, headers, origin, listener), then TLS; each setter checks its argument at
     * once.
     *
     * <p>One shared setting does not apply over HTTP/2: {@link ClientBuilder#proxy proxy}. This
     * client speaks h2c with prior knowledge or h2 by ALPN straight to the server, so
     * {@link #build()} refuses a builder with a proxy rather than connecting past it. The connect
     * timeout bounds the making of the HTTP/2 connection (TCP, TLS and the server's first
     * SETTINGS); a WebSocket on a connection that is already open starts at once.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        private SslContext tls;

        private Builder() {
        }

        /**
         * The TLS context for {@code wss}; default: the JDK's trust store, host names verified,
         * ALPN offering {@code h2}.
         *
         * @param tls a client context (from {@code SslContextBuilder.forClient}) whose ALPN offers
         *     {@code h2} ({@link #alpnH2()}): RFC 8441 runs over HTTP/2 only, and h2 over TLS is
         *     chosen by ALPN (RFC 9113 §3.2); not {@code null}
         * @return this builder
         * @throws NullPointerException when {@code tls} is {@code null}
         * @throws IllegalArgumentException when {@code tls} is a server context, or its ALPN does
         *     not offer {@code h2}
         */
        public Builder tls(SslContext tls) {
            Objects.requireNonNull(tls, "tls");
            if (!tls.isClient()) {
                throw new IllegalArgumentException("tls needs a client SslContext (SslContextBuilder.forClient)");
            }
            if (!tls.applicationProtocolNegotiator().protocols().contains(ApplicationProtocolNames.HTTP_2)) {
                throw new IllegalArgumentException("tls needs ALPN offering h2 (RFC 9113 §3.2): "
                        + "SslContextBuilder.forClient().applicationProtocolConfig(NettyHttp2WebSocketClient.Builder.alpnH2())");
            }
            this.tls = tls;
            return this;
        }

        /**
         * The ALPN setting a client context needs for this client: offers {@code h2} alone, as
         * the client speaks nothing else (RFC 9113 §3.2).
         *
         * @return the configuration to pass to {@code SslContextBuilder.applicationProtocolConfig}
         */
        public static ApplicationProtocolConfig alpnH2() {
            return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    List.of(ApplicationProtocolNames.HTTP_2));
        }

        /**
         * The client, with its own event loop of one thread; it connects nothing until its first
         * connect.
         *
         * @return the client, ready to connect
         * @throws IllegalStateException when a {@link ClientBuilder#proxy proxy} was set, which
         *     this client does not support, or when the default TLS context cannot be created
         */
        public NettyHttp2WebSocketClient build() {
            ClientSettings settings = settings();
            if (settings.proxy() != null) {
                throw new IllegalStateException("an HTTP proxy is not supported over HTTP/2: this client connects "
                        + "straight to the server (h2c with prior knowledge or h2 by ALPN); use NettyWebSocketClient "
                        + "to go through " + settings.proxy().host() + ":" + settings.proxy().port());
            }
            try {
                // Netty's client default verifies the certificate chain; the HTTPS algorithm adds
                // the host name check (RFC 6125) against the URI's host.
                return new NettyHttp2WebSocketClient(settings, tls != null ? tls : SslContextBuilder.forClient()
                        .endpointIdentificationAlgorithm("HTTPS").applicationProtocolConfig(alpnH2()).build());
            } catch (SSLException e) {
                throw new IllegalStateException("cannot create the default TLS context", e);
            }
        }
    }
}
