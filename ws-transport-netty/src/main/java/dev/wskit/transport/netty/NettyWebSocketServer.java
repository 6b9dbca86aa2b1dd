package dev.wskit.transport.netty;

import dev.wskit.transport.core.AbstractWebSocketServer;
import dev.wskit.transport.core.ConnectionGroup;
import dev.wskit.transport.core.ServerBuilder;
import dev.wskit.transport.core.ServerSettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A WebSocket server on Netty: one {@link WebSocketChannelHandler} (hence one engine and one
 * handler from the supplier) per accepted channel, optionally below TLS. Handler callbacks run
 * on the connection's event loop.
 *
 * <p>Lifecycle, as on every wskit server: {@link #start()} returns once bound; {@link #stop(Duration)}
 * stops accepting, closes every open connection with 1001 (RFC 6455 §7.4.1), waits for their
 * closing handshakes up to the grace period, drops the rest, and shuts down the event loops it
 * created itself; {@link #close()} is a stop with the configuration's close timeout.
 */
public final class NettyWebSocketServer extends AbstractWebSocketServer<NettyWebSocketServer> {
    /** The least time the server's own event loops get to end after a stop. */
    private static final Duration LOOPS_SHUTDOWN = Duration.ofSeconds(1);

    private final SslContext tls;
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ConnectionGroup connections = ConnectionGroup.unbounded();
    private EventLoops ownedBoss;
    private EventLoops ownedWorkers;
    private Channel serverChannel;

    private NettyWebSocketServer(ServerSettings settings, Builder b) {
        super(settings);
        this.tls = b.tls;
        this.bossGroup = b.bossGroup;
        this.workerGroup = b.workerGroup;
    }

    /**
     * A builder; only {@link Builder#handler} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected int bind() {
        EventLoopGroup boss = bossGroup;
        EventLoopGroup workers = workerGroup;
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
            serverChannel = bootstrap.bind(settings().host(), settings().port()).syncUninterruptibly().channel();
        } catch (Exception e) {
            // Netty rethrows the bind's own failure (a BindException, checked or not): it is caught here as it is.
            shutdownOwnedGroups(LOOPS_SHUTDOWN);
            throw e;
        }
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    private void accept(SocketChannel channel) {
        if (tls != null) {
            channel.pipeline().addLast(tls.newHandler(channel.alloc()));
        }
        WebSocketChannelHandler connection = WebSocketChannelHandler.server(settings());
        channel.pipeline().addLast(connection);
        // The handler is its own member: no objects of their own per connection.
        if (!connections.tryAdd(connection)) {
            // Accepted while the server stops.
            channel.close();
            return;
        }
        channel.closeFuture().addListener(closed -> connections.remove(connection));
    }

    /** Accepts no more, ends the connections, then shuts down the event loops this server created. */
    @Override
    protected void stopBound(Duration grace) {
        serverChannel.close().syncUninterruptibly();
        connections.closeAll(ServerSettings.STOP_REASON, grace);
        shutdownOwnedGroups(grace.compareTo(LOOPS_SHUTDOWN) < 0 ? LOOPS_SHUTDOWN : grace);
    }

    private synchronized void shutdownOwnedGroups(Duration timeout) {
        if (ownedWorkers != null) {
            ownedWorkers.shutdown(timeout);
            ownedBoss.shutdown(timeout);
            ownedWorkers = null;
            ownedBoss = null;
        }
    }

    /**
     * Settings of a server: those of every wskit server ({@link ServerBuilder}), then TLS and the
     * event loops; each setter checks its argument at once.
     */
    public static final class Builder extends ServerBuilder<Builder> {
        private SslContext tls;
        private EventLoopGroup bossGroup;
        private EventLoopGroup workerGroup;

        private Builder() {
        }

        /**
         * Serves {@code wss} with a server context (from {@code SslContextBuilder.forServer}).
         *
         * @param tls a server context, with the server's key and certificate; not {@code null}
         * @return this builder
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
         * Runs on the application's event loops, which the server then never shuts down:
         * {@code boss} accepts, {@code workers} serve the connections (they may be the same group).
         *
         * @param boss the group accepting connections; not {@code null}
         * @param workers the group serving them; not {@code null}
         * @return this builder
         */
        public Builder eventLoopGroups(EventLoopGroup boss, EventLoopGroup workers) {
            this.bossGroup = Objects.requireNonNull(boss, "boss");
            this.workerGroup = Objects.requireNonNull(workers, "workers");
            return this;
        }

        /**
         * The server, not started yet.
         *
         * @throws IllegalStateException when no handler was set
         */
        @Override
        public NettyWebSocketServer build() {
            return new NettyWebSocketServer(settings(), this);
        }
    }
}
