package dev.wskit.transport.netty;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.WebSocketUri;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;

/**
 * A WebSocket client on Netty. {@link #connect} opens a channel, runs the opening handshake in
 * the engine and completes with the connection's thread-safe {@link WebSocket}, or with the
 * cause: the engine's {@code WebSocketException} for a refused handshake (status not 101, a wrong
 * accept value...), the I/O or TLS exception otherwise. Handler callbacks run on the channel's
 * event loop. {@link #close()} closes the client's connections with 1001, then shuts down the
 * event loop group if the client created it.
 */
public final class NettyWebSocketClient implements AutoCloseable {
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    private static final String CLOSING = "client closing";

    private final WebSocketConfig config;
    private final SslContext sslContext;
    private final Duration connectTimeout;
    private final List<Map.Entry<String, String>> headers;
    private final String origin;
    private final EventLoops owned;
    private final EventLoopGroup group;
    private final Set<WebSocketChannelHandler> connections = ConcurrentHashMap.newKeySet();

    private NettyWebSocketClient(Builder b) throws SSLException {
        this.config = b.config;
        // Netty's client default verifies the certificate chain; the HTTPS algorithm adds the
        // host name check (RFC 6125) against the URI's host.
        this.sslContext = b.sslContext != null ? b.sslContext
                : SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
        this.connectTimeout = b.connectTimeout;
        this.headers = List.copyOf(b.headers);
        this.origin = b.origin;
        this.owned = b.group == null ? new EventLoops("wskit-netty-client", 0) : null;
        this.group = b.group == null ? owned.group() : b.group;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects to a {@code ws} or {@code wss} URI; {@code handler} receives the connection's
     * events, {@code onOpen} first.
     *
     * @throws IllegalArgumentException when {@code uri} is not a valid WebSocket URI (RFC 6455 §3)
     */
    public CompletableFuture<WebSocket> connect(URI uri, WebSocketHandler handler) {
        WebSocketUri target = WebSocketUri.of(uri);
        ClientHandshake.Builder handshake = ClientHandshake.builder(uri);
        headers.forEach(field -> handshake.header(field.getKey(), field.getValue()));
        if (origin != null) {
            handshake.origin(origin);
        }
        WebSocketChannelHandler connection = WebSocketChannelHandler.client(
                handshake.build(config), config, Objects.requireNonNull(handler, "handler"));
        CompletableFuture<WebSocket> opened = connection.opened();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(EventLoops.channelType(group))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (target.isSecure()) {
                            SslHandler tls = sslContext.newHandler(channel.alloc(), target.host(), target.port());
                            tls.handshakeFuture().addListener(done -> {
                                if (!done.isSuccess()) {
                                    opened.completeExceptionally(done.cause());
                                }
                            });
                            channel.pipeline().addLast(tls);
                        }
                        channel.pipeline().addLast(connection);
                    }
                });
        ChannelFuture connecting = bootstrap.connect(target.host(), target.port());
        connecting.addListener(done -> {
            if (done.isSuccess()) {
                connections.add(connection);
                connecting.channel().closeFuture().addListener(closed -> connections.remove(connection));
            } else {
                opened.completeExceptionally(done.cause());
            }
        });
        return opened;
    }

    /**
     * Closes every connection this client opened with 1001 (RFC 6455 §7.4.1: going away), waits up
     * to the close timeout for their closing handshakes, then shuts down the event loop group if
     * this client created it.
     */
    @Override
    public void close() {
        List<WebSocketChannelHandler> open = List.copyOf(connections);
        open.forEach(connection -> connection.goingAway(CLOSING));
        long deadline = System.nanoTime() + config.closeTimeout().toNanos();
        for (WebSocketChannelHandler connection : open) {
            long left = Math.max(0, deadline - System.nanoTime());
            connection.context().channel().closeFuture().awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(left));
        }
        if (owned != null) {
            owned.shutdown(SHUTDOWN_TIMEOUT);
        }
    }

    /** The client's settings; all optional. */
    public static final class Builder {
        private WebSocketConfig config = WebSocketConfig.defaults();
        private EventLoopGroup group;
        private SslContext sslContext;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private String origin;

        private Builder() {
        }

        /** Limits, timeouts and the subprotocols to offer. */
        public Builder config(WebSocketConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Runs on the application's event loops, which the client then never shuts down. */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = Objects.requireNonNull(group, "group");
            return this;
        }

        /** The TLS context for {@code wss}; default: the JDK's trust store, host names verified. */
        public Builder sslContext(SslContext sslContext) {
            if (!sslContext.isClient()) {
                throw new IllegalArgumentException("a client SslContext is required");
            }
            this.sslContext = sslContext;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive: " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /** An extra request header (cookies, authorization); the handshake's own are refused. */
        public Builder header(String name, String value) {
            // Checked now, by the same rules the handshake applies.
            ClientHandshake.builder(URI.create("ws://check/")).header(name, value);
            headers.add(Map.entry(name, value));
            return this;
        }

        /** The {@code Origin} to send (RFC 6455 §4.1 item 8). */
        public Builder origin(String origin) {
            ClientHandshake.builder(URI.create("ws://check/")).origin(origin);
            this.origin = origin;
            return this;
        }

        /**
         * @throws IllegalStateException when the default TLS context cannot be created
         */
        public NettyWebSocketClient build() {
            try {
                return new NettyWebSocketClient(this);
            } catch (SSLException e) {
                throw new IllegalStateException("cannot create the default TLS context", e);
            }
        }
    }
}
