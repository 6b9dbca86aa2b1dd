package dev.wskit.transport.blocking;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.WebSocketUri;
import dev.wskit.transport.core.ArgumentChecks;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ClientSettings;
import dev.wskit.transport.core.ConnectDeadline;
import dev.wskit.transport.core.ConnectOptions;
import dev.wskit.transport.core.ConnectionGroup;
import dev.wskit.transport.core.ConnectionThreads;
import dev.wskit.transport.core.SharedTimer;
import dev.wskit.transport.core.WebSocketClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A WebSocket client on {@code java.net} sockets (RFC 6455): {@link #connect} blocks until the
 * opening handshake is done, then a reader thread of the client runs the connection. Any thread
 * may send through the returned {@code WebSocket}. Threads come as on the server (virtual when the
 * JDK has them), plus one daemon timer thread; {@link #close} ends them all. A
 * {@linkplain #reconnecting reconnecting} connection makes each connect on a thread of this client,
 * and waits on its timer.
 */
public final class BlockingWebSocketClient extends WebSocketClient<WebSocket, IOException> {
    /** Open connections at most, and so the bound of the platform thread pool on JDKs before 21. */
    private static final int MAX_CONNECTIONS = 10_000;

    private final SSLContext tls;
    private final ConnectionGroup group = new ConnectionGroup(MAX_CONNECTIONS);
    private final ConnectionThreads threads =
            ConnectionThreads.byDefault("wskit-blocking-client-", 2 * MAX_CONNECTIONS, true);
    private final SharedTimer timer = new SharedTimer("wskit-blocking-client-timer");
    private final ConnectionResources resources;

    private BlockingWebSocketClient(ClientSettings settings, Builder b) {
        super(settings);
        this.tls = b.tls;
        this.resources = new ConnectionResources(b.writeTimeout, timer, threads, group);
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
     * Connects to a {@code ws://} or {@code wss://} URI, with what {@code options} adds to this
     * connect's opening request, and completes the opening handshake, within
     * the connect timeout (TCP, a proxy's {@code CONNECT}, TLS) and the configuration's handshake timeout (HTTP upgrade).
     * The handler's {@code onOpen} has run when this returns.
     *
     * @param uri the server's {@code ws:} or {@code wss:} URI (RFC 6455 §3)
     * @param handler the application's handler for this connection
     * @return the open socket
     * @throws dev.wskit.protocol.handshake.UpgradeRefusedException when the server answers with
     *     another status than 101: its response, body included
     * @throws WebSocketException when the server's answer fails the handshake otherwise (wrong
     *     accept key, ...), or no answer came in time; {@link WebSocketException#violation()} says which
     * @throws dev.wskit.protocol.proxy.ProxyConnectException when the {@linkplain ClientBuilder#proxy proxy}
     *     does not open the tunnel
     * @throws IOException when the TCP connection or the TLS handshake fails
     * @throws IllegalArgumentException for a URI that is not a WebSocket URI
     * @throws IllegalStateException after {@link #close}, or with 10 000 connections open
     */
    @Override
    public WebSocket connect(URI uri, WebSocketHandler handler, ConnectOptions options) throws IOException {
        ClientSettings.Opening opening = settings().opening(uri, handler, options, group.isClosing());
        Socket socket = open(opening);
        BlockingConnection connection = new BlockingConnection(socket, resources,
                io -> settings().newConnection(opening.handshake(), handler, io));
        if (!group.tryAdd(connection)) {
            socket.close();
            throw new IllegalStateException(group.isClosing() ? "client closed" : MAX_CONNECTIONS + " connections open");
        }
        try {
            threads.execute(connection);
        } catch (RejectedExecutionException e) {
            group.remove(connection);
            socket.close();
            throw new IOException("no thread left for the connection", e);
        }
        return connection.awaitOpen();
    }

    @Override
    protected void scheduleAttempt(Duration delay, Runnable attempt) {
        if (timer.schedule(attempt, delay) == null) {
            throw new IllegalStateException("client closed");
        }
    }

    @Override
    protected CompletableFuture<WebSocket> connectInBackground(URI uri, WebSocketHandler handler, ConnectOptions options) {
        if (group.isClosing()) {
            throw new IllegalStateException("client closed");
        }
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        threads.execute(() -> {
            try {
                opened.complete(connect(uri, handler, options));
            } catch (IOException | RuntimeException e) {
                opened.completeExceptionally(e);
            }
        });
        return opened;
    }

    /** TCP to the server, or to the proxy and through its tunnel; then TLS for {@code wss}, all within the connect timeout. */
    private Socket open(ClientSettings.Opening opening) throws IOException {
        Socket tcp = new Socket();
        try {
            tcp.setTcpNoDelay(true);
            tcp.connect(new InetSocketAddress(opening.tcpHost(), opening.tcpPort()), opening.deadline().millisLeft());
            if (opening.tunnel() != null) {
                ProxyHandshake.open(tcp, opening.tunnel(), opening.deadline());
            }
            return opening.target().isSecure() ? startTls(tcp, opening.target(), opening.deadline()) : tcp;
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    /**
     * RFC 6455 §4.1 item 5 (wss): TLS with the server's certificate checked against the host, and
     * SNI; the server's host even through a proxy, whose tunnel {@code tcp} then is.
     */
    private SSLSocket startTls(Socket tcp, WebSocketUri target, ConnectDeadline deadline) throws IOException {
        SSLContext context;
        try {
            context = tls != null ? tls : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no default TLS context", e);
        }
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(tcp, target.host(), target.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        target.serverName().ifPresent(name -> parameters.setServerNames(List.of(new SNIHostName(name))));
        socket.setSSLParameters(parameters);
        // The TLS handshake counts against the connect timeout, then reads block freely again.
        if (deadline.hasPassed()) {
            throw new SocketTimeoutException("connect timeout of " + deadline.timeout().toMillis()
                    + " ms passed before the TLS handshake");
        }
        tcp.setSoTimeout(deadline.millisLeft());
        socket.startHandshake();
        tcp.setSoTimeout(0);
        return socket;
    }

    /**
     * Closes every open connection with {@code 1001 GOING_AWAY "client closing"}, waits up to the
     * configuration's close timeout for the closing handshakes, drops the rest, and returns once
     * every thread of this client has ended. Later connects are refused.
     */
    @Override
    public void close() {
        group.closeAll(ClientSettings.CLOSE_REASON, settings().config().closeTimeout());
        timer.stop();
        threads.awaitTermination();
    }

    /**
     * Settings of a client: those of every wskit client ({@link ClientBuilder}), then TLS and the
     * blocking transport's own; each setter checks its argument at once.
     */
    public static final class Builder extends ClientBuilder<Builder> {
        private SSLContext tls;
        private Duration writeTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * The TLS context for {@code wss}; default {@link SSLContext#getDefault()}.
         *
         * @param tls the context; not {@code null}
         * @return this builder
         */
        public Builder tls(SSLContext tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * As on the server: how long one flush may block on a server that does not read; default 30
         * s.
         *
         * @param writeTimeout the timeout; above zero
         * @return this builder
         */
        public Builder writeTimeout(Duration writeTimeout) {
            this.writeTimeout = ArgumentChecks.positive(writeTimeout, "writeTimeout");
            return this;
        }

        /**
         * The client.
         *
         * @return the client, ready to connect
         */
        public BlockingWebSocketClient build() {
            return new BlockingWebSocketClient(settings(), this);
        }
    }
}
