package dev.wskit.transport.netty.http2;

import dev.wskit.transport.core.ConnectionGroup;
import dev.wskit.transport.core.ServerBuilder;
import dev.wskit.transport.core.ServerLifecycle;
import dev.wskit.transport.core.ServerSettings;
import dev.wskit.transport.core.WebSocketServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket server on Netty that speaks HTTP/2 too (RFC 8441): on one port, HTTP/1.1
 * WebSockets exactly as {@code NettyWebSocketServer} serves them, and HTTP/2 connections (h2c
 * with prior knowledge in cleartext, h2 when TLS's ALPN agrees on it) whose every extended
 * CONNECT stream is a WebSocket; other streams get the configuration's HTTP handler's answer, or
 * 404. Each WebSocket, on either protocol, has its own engine and handler.
 *
 * <p>Lifecycle, as on every wskit server: {@link #start()} returns once bound; {@link #stop(Duration)}
 * stops accepting, closes every open WebSocket with 1001 (RFC 6455 §7.4.1), waits for the closing
 * handshakes up to the grace period, drops the rest and shuts the event loops down.
 */
public final class NettyHttp2WebSocketServer implements WebSocketServer {
    private static final Duration LOOPS_SHUTDOWN = Duration.ofSeconds(1);

    private final ServerSettings settings;
    private final SslContext tls;
    private final int maxWebSocketStreams;
    private final ConnectionGroup connections = ConnectionGroup.unbounded();
    private final ServerLifecycle lifecycle = new ServerLifecycle();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel serverChannel;

    private NettyHttp2WebSocketServer(ServerSettings settings, Builder b) {
        this.settings = settings;
        this.tls = b.tls;
        this.maxWebSocketStreams = b.maxWebSocketStreams;
    }

    /**
     * A builder; only {@link Builder#handler} (or {@link Builder#upgrade}) is required.
     *
     * @return a new builder, each call its own: cleartext (h2c with prior knowledge and HTTP/1.1),
     *     at most 100 WebSocket streams per HTTP/2 connection, until set otherwise
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and starts accepting; returns once bound.
     *
     * @throws IOException when the address cannot be bound, naming it and why
     * @throws IllegalStateException when started before
     */
    @Override
    public synchronized NettyHttp2WebSocketServer start() throws IOException {
        lifecycle.start(settings, this::bind);
        return this;
    }

    private int bind() {
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("wskit-netty-h2-accept"),
                NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("wskit-netty-h2"),
                NioIoHandler.newFactory());
        ServingPipelines pipelines = new ServingPipelines(settings, connections, maxWebSocketStreams);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc()), new AlpnSelector(pipelines));
                        } else {
                            channel.pipeline().addLast(new ProtocolDetector(pipelines));
                        }
                    }
                });
        try {
            serverChannel = bootstrap.bind(settings.host(), settings.port()).syncUninterruptibly().channel();
        } catch (Exception e) {
            // Netty rethrows the bind's own failure (a BindException, checked or not): it is caught here as it is.
            shutdownLoops(LOOPS_SHUTDOWN);
            throw e;
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * The bound port (the one chosen when the builder said 0), also after a stop.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    @Override
    public int port() {
        return lifecycle.port();
    }

    /**
     * Stops accepting, closes each WebSocket with {@code 1001 "server stopping"}, waits up to
     * {@code grace} for the closing handshakes, drops what is left and shuts the event loops down.
     * Before {@link #start()}, and after a first stop, it does nothing.
     */
    @Override
    public void stop(Duration grace) {
        lifecycle.stop(grace, this::stopAccepted);
    }

    private void stopAccepted(Duration grace) {
        serverChannel.close().syncUninterruptibly();
        connections.closeAll(ServerSettings.STOP_REASON, grace);
        shutdownLoops(grace.compareTo(LOOPS_SHUTDOWN) < 0 ? LOOPS_SHUTDOWN : grace);
    }

    /** {@link #stop(Duration)} with the configured close timeout as the grace period. */
    @Override
    public void close() {
        stop(settings.config().closeTimeout());
    }

    private synchronized void shutdownLoops(Duration timeout) {
        if (workers != null) {
            workers.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS).syncUninterruptibly();
            boss.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS).syncUninterruptibly();
            workers = null;
            boss = null;
        }
    }

    /**
     * Settings of a server: those of every wskit server ({@link ServerBuilder}), then TLS and the
     * limit of WebSocket streams per HTTP/2 connection; each setter checks its argument at once.
     */
    public static final class Builder extends ServerBuilder<Builder> {
        private SslContext tls;
        private int maxWebSocketStreams = 100;

        private Builder() {
        }

        /**
         * Serves {@code wss}, and h2 where ALPN agrees on it: a server context whose
         * {@code ApplicationProtocolConfig} offers {@code h2} and {@code http/1.1}.
         *
         * @param tls a server {@code SslContext} (built with {@code SslContextBuilder.forServer})
         *     whose ALPN offers {@code h2} and {@code http/1.1} ({@link #alpnH2AndHttp11()}): a client that picks {@code h2}
         *     (RFC 9113 §3.2) gets HTTP/2 and RFC 8441 WebSockets, any other HTTP/1.1 and RFC 6455's
         *     upgrade. Without it the server speaks cleartext only
         * @return this builder
         * @throws NullPointerException when {@code tls} is {@code null}
         * @throws IllegalArgumentException when {@code tls} is a client context
         */
        public Builder tls(SslContext tls) {
            Objects.requireNonNull(tls, "tls");
            if (!tls.isServer()) {
                throw new IllegalArgumentException("tls needs a server SslContext (SslContextBuilder.forServer)");
            }
            this.tls = tls;
            return this;
        }

        /**
         * The ALPN setting a server context needs for {@link #tls}: offers {@code h2} first, then
         * {@code http/1.1} for a client that speaks only that (RFC 9113 §3.2, RFC 7301).
         *
         * @return the configuration to pass to {@code SslContextBuilder.applicationProtocolConfig}
         */
        public static ApplicationProtocolConfig alpnH2AndHttp11() {
            return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
        }

        /**
         * How many WebSocket streams one HTTP/2 connection may hold open at once (100 by default);
         * a CONNECT beyond them is reset with REFUSED_STREAM (RFC 9113 §8.7), which a client may retry.
         *
         * @param max the most extended CONNECT streams (RFC 8441 §4) open at once on one HTTP/2
         *     connection, from 1; streams that are not WebSockets are not counted
         * @return this builder
         * @throws IllegalArgumentException when {@code max} is less than 1
         */
        public Builder maxWebSocketStreamsPerConnection(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxWebSocketStreamsPerConnection must be at least 1: " + max);
            }
            this.maxWebSocketStreams = max;
            return this;
        }

        /**
         * The server, not started yet.
         *
         * @throws IllegalStateException when no handler was set
         */
        @Override
        public NettyHttp2WebSocketServer build() {
            return new NettyHttp2WebSocketServer(settings(), this);
        }
    }
}
