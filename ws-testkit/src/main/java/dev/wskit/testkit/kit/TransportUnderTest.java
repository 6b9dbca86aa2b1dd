package dev.wskit.testkit.kit;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.proxy.HttpProxy;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ConnectOptions;
import dev.wskit.transport.core.ReconnectPolicy;
import dev.wskit.transport.core.ReconnectingWebSocket;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ServerBuilder;
import dev.wskit.transport.core.WebSocketServer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What a transport gives the kit: a server and a client, each built from a {@link WebSocketConfig}
 * and, for TLS, a {@link TestCertificate}. Nothing else: a case that needs more (a thread model,
 * an event loop) belongs in that transport's own tests.
 */
public interface TransportUnderTest {

    /** A short name for reports, e.g. {@code "netty"}. */
    String name();

    /**
     * A new server builder of the transport, on 127.0.0.1 and a free port unless a case says
     * otherwise; every server of the kit starts from one.
     *
     * @param tls the certificate to serve {@code wss} with, or {@code null} for plain {@code ws}
     */
    ServerBuilder<?> serverBuilder(TestCertificate tls) throws Exception;

    /**
     * A new server builder of the transport over TLS with {@code certificate} that asks clients for
     * a certificate without requiring one, and trusts only {@code trustedClient}'s.
     */
    ServerBuilder<?> serverBuilderAskingForClientCertificates(TestCertificate certificate, TestCertificate trustedClient)
            throws Exception;

    /**
     * Starts a server as {@code setup} sets up the transport's {@link #serverBuilder}, through the
     * settings every builder shares; {@code setup} gives it a handler or a decider. Returns once it
     * accepts.
     *
     * @param tls the certificate to serve {@code wss} with, or {@code null} for plain {@code ws}
     */
    default Server startServer(Consumer<? super ServerBuilder<?>> setup, TestCertificate tls) throws Exception {
        return start(serverBuilder(tls), setup);
    }

    private static Server start(ServerBuilder<?> builder, Consumer<? super ServerBuilder<?>> setup) throws Exception {
        setup.accept(builder);
        WebSocketServer server = builder.build().start();
        return Server.of(server::port, server::stop);
    }

    /**
     * Starts a server on 127.0.0.1 and a free port, one handler from {@code handlers} per accepted
     * connection; returns once it accepts.
     *
     * @param tls the certificate to serve {@code wss} with, or {@code null} for plain {@code ws}
     */
    default Server startServer(Supplier<? extends WebSocketHandler> handlers, WebSocketConfig config, TestCertificate tls)
            throws Exception {
        return startServer(builder -> builder.handler(handlers).config(config), tls);
    }

    /** Starts a server as above whose upgrades {@code decider} decides (the builders' {@code upgrade}). */
    default Server startServer(UpgradeDecider decider, WebSocketConfig config, TestCertificate tls) throws Exception {
        return startServer(builder -> builder.upgrade(decider).config(config), tls);
    }

    /**
     * Starts a server as above over TLS with {@code certificate} that asks clients for a
     * certificate without requiring one, and trusts only {@code trustedClient}'s.
     */
    default Server startServerAskingForClientCertificates(UpgradeDecider decider, WebSocketConfig config,
            TestCertificate certificate, TestCertificate trustedClient) throws Exception {
        return start(serverBuilderAskingForClientCertificates(certificate, trustedClient),
                builder -> builder.upgrade(decider).config(config));
    }

    /**
     * Starts a plain {@code ws} server as above on {@code port} (the builders' {@code port}), 0 for a
     * free one: a case stops a server and starts another where its clients come back.
     */
    default Server startServer(int port, Supplier<? extends WebSocketHandler> handlers, WebSocketConfig config)
            throws Exception {
        return startServer(builder -> builder.port(port).handler(handlers).config(config), null);
    }

    /**
     * Starts a plain {@code ws} server on 127.0.0.1 and a free port as {@code setup} sets up the
     * transport's builder, through the settings every builder shares (its limits, say); {@code setup}
     * gives it a handler or a decider. Returns once it accepts.
     */
    default Server startServer(Consumer<? super ServerBuilder<?>> setup) throws Exception {
        return startServer(setup, null);
    }

    /**
     * A client for {@code ws} and {@code wss} URIs, as {@code setup} sets up the transport's
     * builder through the settings every client builder shares; every client of the kit is one.
     *
     * @param trusted the certificate to trust for {@code wss}, or {@code null} for the JDK's default trust
     */
    Client newClient(Consumer<? super ClientBuilder<?>> setup, TestCertificate trusted) throws Exception;

    /**
     * A client for {@code ws} and {@code wss} URIs.
     *
     * @param trusted the certificate to trust for {@code wss}, or {@code null} for the JDK's default trust
     */
    default Client newClient(WebSocketConfig config, TestCertificate trusted) {
        return newClient(config, trusted, null);
    }

    /**
     * A client for {@code ws} and {@code wss} URIs that connects through an HTTP proxy.
     *
     * @param trusted the certificate to trust for {@code wss}, or {@code null} for the JDK's default trust
     * @param proxy the proxy to tunnel through ({@code proxy(...)} of the client's builder), or {@code null} for none
     */
    default Client newClient(WebSocketConfig config, TestCertificate trusted, HttpProxy proxy) {
        return made(builder -> {
            builder.config(config);
            if (proxy != null) {
                builder.proxy(proxy);
            }
        }, trusted);
    }

    /**
     * A client for {@code ws} URIs as {@code setup} sets up the transport's builder, through the
     * settings every client builder shares (its listener, say).
     */
    default Client newClient(Consumer<? super ClientBuilder<?>> setup) {
        return made(setup, null);
    }

    private Client made(Consumer<? super ClientBuilder<?>> setup, TestCertificate trusted) {
        try {
            return newClient(setup, trusted);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the " + name() + " client", e);
        }
    }

    /** A running server. */
    interface Server extends AutoCloseable {
        int port();

        /**
         * Stops gracefully: every open connection gets {@code 1001 "server stopping"}, then up to
         * {@code grace} for the closing handshakes (a transport whose grace is fixed when it is
         * built uses that, 5 s for the cases' sake); returns once every connection has ended.
         */
        void stop(Duration grace);

        @Override
        default void close() {
            stop(Duration.ofSeconds(1));
        }

        /** A server from its two methods, e.g. {@code Server.of(server::port, server::stop)}. */
        static Server of(IntSupplier port, Consumer<Duration> stop) {
            return new Server() {
                @Override
                public int port() {
                    return port.getAsInt();
                }

                @Override
                public void stop(Duration grace) {
                    stop.accept(grace);
                }
            };
        }
    }

    /** A client; closing it ends its connections and its threads. */
    interface Client extends AutoCloseable {
        /**
         * Connects; completes once the opening handshake succeeded (after {@code onOpen}), or fails
         * with the reason: a {@code WebSocketException} for a refused handshake, an
         * {@code IOException} for the socket or TLS.
         */
        default CompletableFuture<WebSocket> connect(URI uri, WebSocketHandler handler) {
            return connect(uri, handler, ConnectOptions.none());
        }

        /** Connects as above, with what {@code options} adds to the opening request (the clients' {@code connect}). */
        CompletableFuture<WebSocket> connect(URI uri, WebSocketHandler handler, ConnectOptions options);

        /** A connection that comes back after it drops (the clients' {@code reconnecting}). */
        default ReconnectingWebSocket reconnecting(URI uri, WebSocketHandler handler, ReconnectPolicy policy) {
            return reconnecting(uri, handler, policy, ConnectOptions.none());
        }

        /** As above, with what {@code options} adds to the opening request of every connect. */
        ReconnectingWebSocket reconnecting(URI uri, WebSocketHandler handler, ReconnectPolicy policy,
                                           ConnectOptions options);

        @Override
        void close();

        /** A client's {@code connect} with options, as the kit calls it. */
        @FunctionalInterface
        interface Connector {
            CompletableFuture<WebSocket> connect(URI uri, WebSocketHandler handler, ConnectOptions options);
        }

        /** A client's {@code reconnecting} with options. */
        @FunctionalInterface
        interface Reconnector {
            ReconnectingWebSocket reconnecting(URI uri, WebSocketHandler handler, ReconnectPolicy policy,
                                               ConnectOptions options);
        }

        /** A client from its methods, e.g. {@code Client.of(client::connect, client::reconnecting, client::close)}. */
        static Client of(Connector connect, Reconnector reconnecting, Runnable close) {
            return new Client() {
                @Override
                public CompletableFuture<WebSocket> connect(URI uri, WebSocketHandler handler, ConnectOptions options) {
                    return connect.connect(uri, handler, options);
                }

                @Override
                public ReconnectingWebSocket reconnecting(URI uri, WebSocketHandler handler, ReconnectPolicy policy,
                                                          ConnectOptions options) {
                    return reconnecting.reconnecting(uri, handler, policy, options);
                }

                @Override
                public void close() {
                    close.run();
                }
            };
        }
    }
}
