package dev.wskit.transport.netty.http2;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.WebSocketUri;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client over HTTP/2 (RFC 8441) on Netty: every WebSocket to one server is a stream
 * of one HTTP/2 connection (h2c with prior knowledge for {@code ws}, h2 by ALPN for {@code wss}),
 * opened once that server's SETTINGS allow extended CONNECT (RFC 8441 §3). Each WebSocket has its
 * own engine and handler; its callbacks run on the connection's event loop.
 */
public final class NettyHttp2WebSocketClient implements AutoCloseable {
    private final WebSocketConfig config;
    private final SslContext tls;
    private final EventLoopGroup loop;
    /** One connection per server, ready once its SETTINGS came. */
    private final Map<String, CompletableFuture<Channel>> connections = new ConcurrentHashMap<>();

    private NettyHttp2WebSocketClient(Builder b) {
        this.config = b.config;
        this.tls = b.tls;
        this.loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("wskit-netty-h2-client"),
                NioIoHandler.newFactory());
    }

    /**
     * A builder of a client; nothing is required: by default the
     * {@linkplain WebSocketConfig#defaults() default configuration} and no TLS ({@code ws} only).
     *
     * @return a new builder, each call its own
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a WebSocket on a stream of the connection to {@code uri}'s server, making that
     * connection first if there is none. Completes once the server answered 2xx and
     * {@code onOpen} returned; fails with an {@code UpgradeRefusedException} carrying any other
     * status, or with why the connection could not be made.
     *
     * @param uri the server's {@code ws://} (h2c with prior knowledge) or {@code wss://} (h2 by
     *     ALPN) URI (RFC 6455 §3); its path and query become the CONNECT's {@code :path}, its host
     *     and port its {@code :authority} (RFC 8441 §4)
     * @param handler the application's handler for this WebSocket alone, {@code onOpen} first;
     *     its callbacks run on the connection's event loop
     * @return completes with the open socket once {@code onOpen} returned; fails with an
     *     {@code UpgradeRefusedException} when the server answers other than 2xx (RFC 8441 §5), or
     *     an {@code IOException} when the connection cannot be made or the server's SETTINGS do not
     *     carry SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (RFC 8441 §3)
     * @throws NullPointerException when {@code handler} is {@code null}
     * @throws IllegalArgumentException when {@code uri} is not a WebSocket URI, or is {@code wss}
     *     without {@link Builder#tls}
     */
    public CompletableFuture<WebSocket> connect(URI uri, WebSocketHandler handler) {
        Objects.requireNonNull(handler, "handler");
        WebSocketUri target = WebSocketUri.of(uri);
        if (target.isSecure() && tls == null) {
            throw new IllegalArgumentException("wss needs a client SslContext offering h2 by ALPN: " + uri);
        }
        ClientHandshake handshake = ClientHandshake.builder(uri).buildForHttp2(config);
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        connection(target).whenComplete((parent, failure) -> {
            if (failure != null) {
                opened.completeExceptionally(failure);
                return;
            }
            new Http2StreamChannelBootstrap(parent).handler(new Http2ClientStream(handshake, config, handler, opened))
                    .open().addListener(stream -> {
                        if (!stream.isSuccess()) {
                            opened.completeExceptionally(stream.cause());
                        }
                    });
        });
        return opened;
    }

    /** The connection to {@code target}'s server: the open one, or a new one when there is none. */
    private CompletableFuture<Channel> connection(WebSocketUri target) {
        String key = (target.isSecure() ? "h2://" : "h2c://") + target.host() + ":" + target.port();
        return connections.compute(key, (server, known) -> known != null && !isGone(known) ? known : connect(target, server));
    }

    private static boolean isGone(CompletableFuture<Channel> connection) {
        return connection.isCompletedExceptionally() || (connection.isDone() && !connection.join().isActive());
    }

    private CompletableFuture<Channel> connect(WebSocketUri target, String key) {
        CompletableFuture<Channel> ready = new CompletableFuture<>();
        ChannelFuture connecting = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (target.isSecure()) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc(), target.host(), target.port()));
                        }
                        channel.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                new ExtendedConnectGate(ready),
                                new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                    }
                })
                .connect(target.host(), target.port());
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                ready.completeExceptionally(new IOException("cannot connect to " + key + ": "
                        + connected.cause().getMessage(), connected.cause()));
            }
        });
        return ready;
    }

    /** Closes every connection, which resets its streams, and ends the event loop. */
    @Override
    public void close() {
        connections.values().forEach(ready -> ready.thenAccept(Channel::close));
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * RFC 8441 §3: a client sends an extended CONNECT only to a server whose SETTINGS carried
     * SETTINGS_ENABLE_CONNECT_PROTOCOL = 1; the connection is ready, or refused, on the first SETTINGS.
     */
    private static final class ExtendedConnectGate extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Channel> ready;

        ExtendedConnectGate(CompletableFuture<Channel> ready) {
            this.ready = ready;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof Http2SettingsFrame settings)) {
                ctx.fireChannelRead(msg);
                return;
            }
            ReferenceCountUtil.release(msg);
            if (Boolean.TRUE.equals(settings.settings().connectProtocolEnabled())) {
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

    /** Settings of a client; each setter checks its argument at once. */
    public static final class Builder {
        private WebSocketConfig config = WebSocketConfig.defaults();
        private SslContext tls;

        private Builder() {
        }

        /**
         * The configuration of every WebSocket (subprotocols and permessage-deflate to offer, limits).
         *
         * @param config the configuration every connect of the client uses, in place of
         *     {@link WebSocketConfig#defaults()}; not {@code null}
         * @return this builder
         * @throws NullPointerException when {@code config} is {@code null}
         */
        public Builder config(WebSocketConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * For {@code wss}: a client context whose ALPN offers {@code h2}.
         *
         * @param tls a client {@code SslContext} (built with {@code SslContextBuilder.forClient})
         *     whose ALPN offers {@code h2}: RFC 8441 runs over HTTP/2 only, and h2 over TLS is
         *     chosen by ALPN (RFC 9113 §3.2). Without it the client connects to {@code ws} URIs only
         * @return this builder
         * @throws NullPointerException when {@code tls} is {@code null}
         * @throws IllegalArgumentException when {@code tls} is a server context
         */
        public Builder tls(SslContext tls) {
            Objects.requireNonNull(tls, "tls");
            if (tls.isServer()) {
                throw new IllegalArgumentException("tls needs a client SslContext (SslContextBuilder.forClient)");
            }
            this.tls = tls;
            return this;
        }

        /**
         * The client, with its own event loop of one thread; it connects nothing until its first
         * {@link NettyHttp2WebSocketClient#connect connect}, and is closed with
         * {@link NettyHttp2WebSocketClient#close()}.
         *
         * @return a new client with this builder's configuration and TLS context
         */
        public NettyHttp2WebSocketClient build() {
            return new NettyHttp2WebSocketClient(this);
        }
    }
}
