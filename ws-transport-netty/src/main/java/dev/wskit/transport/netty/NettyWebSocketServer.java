package dev.wskit.transport.netty;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A WebSocket server on Netty: one {@link WebSocketChannelHandler} (hence one engine and one
 * handler from the supplier) per accepted channel, optionally below TLS. Handler callbacks run
 * on the connection's event loop.
 *
 * <p>Lifecycle: {@link #start()} returns once bound; {@link #stop(Duration)} stops accepting,
 * closes every open connection with 1001 (RFC 6455 §7.4.1), waits for their closing handshakes
 * up to the grace period, drops the rest, and shuts down the event loops it created itself.
 */
public final class NettyWebSocketServer implements AutoCloseable {
    private static final String STOPPING = "server stopping";

    private final Builder settings;
    private final Set<WebSocketChannelHandler> connections = ConcurrentHashMap.newKeySet();
    private EventLoops ownedBoss;
    private EventLoops ownedWorkers;
    private Channel serverChannel;

    private NettyWebSocketServer(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts accepting; returns when bound. */
    public synchronized NettyWebSocketServer start() {
        if (serverChannel != null) {
            throw new IllegalStateException("already started");
        }
        EventLoopGroup boss = settings.bossGroup;
        EventLoopGroup workers = settings.workerGroup;
        if (boss == null) {
            ownedBoss = new EventLoops("wskit-netty-server-accept", 1);
            ownedWorkers = new EventLoops("wskit-netty-server", 0);
            boss = ownedBoss.group();
            workers = ownedWorkers.group();
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(EventLoops.serverChannelType(boss))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accept(channel);
                    }
                });
        try {
            serverChannel = bootstrap.bind(settings.host, settings.port).syncUninterruptibly().channel();
        } catch (RuntimeException bindFailed) {
            shutdownOwnedGroups(Duration.ofSeconds(5));
            throw bindFailed;
        }
        return this;
    }

    private void accept(SocketChannel channel) {
        if (settings.sslContext != null) {
            channel.pipeline().addLast(settings.sslContext.newHandler(channel.alloc()));
        }
        WebSocketChannelHandler connection = WebSocketChannelHandler.server(settings.config, settings.handlers.get());
        channel.pipeline().addLast(connection);
        connections.add(connection);
        channel.closeFuture().addListener(closed -> connections.remove(connection));
    }

    /** The bound port (the one chosen when the builder said 0). */
    public int port() {
        if (serverChannel == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /**
     * Stops accepting, closes each connection with 1001, waits up to {@code grace} for the
     * closing handshakes, drops what is left and shuts down the event loops this server created.
     */
    public synchronized void stop(Duration grace) {
        if (serverChannel == null) {
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        serverChannel.close().syncUninterruptibly();
        List<WebSocketChannelHandler> open = List.copyOf(connections);
        for (WebSocketChannelHandler connection : open) {
            connection.goingAway(STOPPING);
        }
        for (Channel channel : open.stream().map(c -> c.socket().channel()).collect(Collectors.toList())) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!channel.closeFuture().awaitUninterruptibly(Duration.ofNanos(left).toMillis())) {
                channel.close().awaitUninterruptibly();
            }
        }
        serverChannel = null;
        shutdownOwnedGroups(grace);
    }

    /** {@link #stop(Duration)} with the configured close timeout as the grace period. */
    @Override
    public void close() {
        stop(settings.config.closeTimeout());
    }

    private void shutdownOwnedGroups(Duration timeout) {
        Duration atLeast = timeout.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : timeout;
        if (ownedWorkers != null) {
            ownedWorkers.shutdown(atLeast);
            ownedBoss.shutdown(atLeast);
            ownedWorkers = null;
            ownedBoss = null;
        }
    }

    /** The server's settings; only {@link #handler} is required. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private WebSocketConfig config = WebSocketConfig.defaults();
        private Supplier<? extends WebSocketHandler> handlers;
        private SslContext sslContext;
        private EventLoopGroup bossGroup;
        private EventLoopGroup workerGroup;

        private Builder() {
        }

        /** The address to bind; default {@code 127.0.0.1}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port to bind; 0 (default) picks a free one, read it with {@link NettyWebSocketServer#port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder config(WebSocketConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Makes one handler per connection. */
        public Builder handler(Supplier<? extends WebSocketHandler> handlers) {
            this.handlers = Objects.requireNonNull(handlers, "handlers");
            return this;
        }

        /** Serves {@code wss}: a server context (from {@code SslContextBuilder.forServer}). */
        public Builder sslContext(SslContext sslContext) {
            if (!sslContext.isServer()) {
                throw new IllegalArgumentException("a server SslContext is required");
            }
            this.sslContext = sslContext;
            return this;
        }

        /**
         * Runs on the application's event loops, which the server then never shuts down:
         * {@code boss} accepts, {@code workers} serve the connections (they may be the same group).
         */
        public Builder eventLoopGroups(EventLoopGroup boss, EventLoopGroup workers) {
            this.bossGroup = Objects.requireNonNull(boss, "boss");
            this.workerGroup = Objects.requireNonNull(workers, "workers");
            return this;
        }

        public NettyWebSocketServer build() {
            if (handlers == null) {
                throw new IllegalStateException("a handler supplier is required");
            }
            return new NettyWebSocketServer(this);
        }
    }
}
