package dev.wskit.transport.blocking;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.WebSocketUri;
import dev.wskit.transport.core.ConnectionDriver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A WebSocket client on {@code java.net} sockets (RFC 6455): {@link #connect} blocks until the
 * opening handshake is done, then a reader thread of the client runs the connection. Any thread
 * may send through the returned {@code WebSocket}. Threads come as on the server (virtual when the
 * JDK has them), plus one daemon timer thread; {@link #close} ends them all.
 */
public final class BlockingWebSocketClient implements AutoCloseable {
    /** Open connections at most, and so the bound of the platform thread pool on JDKs before 21. */
    private static final int MAX_CONNECTIONS = 10_000;
    private static final String CLOSE_REASON = "client closing";

    private final WebSocketConfig config;
    private final SSLContext sslContext;
    private final Duration connectTimeout;
    private final List<Map.Entry<String, String>> headers;
    private final String origin;
    private final ConnectionGroup group = new ConnectionGroup(MAX_CONNECTIONS);
    private final ConnectionThreads threads =
            ConnectionThreads.byDefault("wskit-blocking-client-", 2 * MAX_CONNECTIONS, true);
    private final SharedTimer timer = new SharedTimer("wskit-blocking-client-timer");
    private final ConnectionResources resources;

    private BlockingWebSocketClient(Builder b) {
        this.config = b.config;
        this.sslContext = b.sslContext;
        this.connectTimeout = b.connectTimeout;
        this.headers = List.copyOf(b.headers);
        this.origin = b.origin;
        this.resources = new ConnectionResources(config, b.writeTimeout, timer, threads, group);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects to a {@code ws://} or {@code wss://} URI and completes the opening handshake, within
     * the connect timeout (TCP and TLS) and the configuration's handshake timeout (HTTP upgrade).
     * The handler's {@code onOpen} has run when this returns.
     *
     * @throws WebSocketException when the server's answer fails the handshake (status not 101, wrong
     *     accept key, ...), or no answer came in time; {@link WebSocketException#violation()} says which
     * @throws IOException when the TCP connection or the TLS handshake fails
     * @throws IllegalArgumentException for a URI that is not a WebSocket URI, or a header the
     *     handshake writes itself
     * @throws IllegalStateException after {@link #close}
     */
    public WebSocket connect(URI uri, WebSocketHandler handler) throws IOException {
        WebSocketUri target = WebSocketUri.of(uri);
        ClientHandshake.Builder handshake = ClientHandshake.builder(uri);
        headers.forEach(h -> handshake.header(h.getKey(), h.getValue()));
        if (origin != null) {
            handshake.origin(origin);
        }
        ClientHandshake request = handshake.build(config);
        Socket socket = open(target);
        BlockingConnection connection = new BlockingConnection(socket, resources,
                io -> ConnectionDriver.client(request, config, handler, io));
        if (!group.tryAdd(connection)) {
            socket.close();
            throw new IllegalStateException("the client is closed, or has " + MAX_CONNECTIONS + " connections open");
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

    private Socket open(WebSocketUri target) throws IOException {
        Socket tcp = new Socket();
        try {
            tcp.setTcpNoDelay(true);
            tcp.connect(new InetSocketAddress(target.host(), target.port()), timeoutMillis());
            return target.isSecure() ? startTls(tcp, target) : tcp;
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    /** RFC 6455 §4.1 item 5 (wss): TLS with the server's certificate checked against the host, and SNI. */
    private SSLSocket startTls(Socket tcp, WebSocketUri target) throws IOException {
        SSLContext context;
        try {
            context = sslContext != null ? sslContext : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no default TLS context", e);
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, target.host(), target.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        target.serverName().ifPresent(name -> parameters.setServerNames(List.of(new SNIHostName(name))));
        tls.setSSLParameters(parameters);
        // The TLS handshake counts against the connect timeout, then reads block freely again.
        tcp.setSoTimeout(timeoutMillis());
        tls.startHandshake();
        tcp.setSoTimeout(0);
        return tls;
    }

    private int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    }

    /**
     * Closes every open connection with {@code 1001 GOING_AWAY}, waits up to the configuration's
     * close timeout for the closing handshakes, drops the rest, and returns once every thread of
     * this client has ended. Later connects are refused.
     */
    @Override
    public void close() {
        group.closeAll(CLOSE_REASON, config.closeTimeout());
        timer.stop();
        threads.awaitTermination();
    }

    /** Settings of a client; each setter checks its argument at once. */
    public static final class Builder {
        private WebSocketConfig config = WebSocketConfig.defaults();
        private SSLContext sslContext;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private String origin;

        private Builder() {
        }

        /** The configuration; its subprotocols are the ones offered. */
        public Builder config(WebSocketConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The TLS context for {@code wss}; default {@link SSLContext#getDefault()}. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /** Bounds the TCP connect and the TLS handshake; default 10 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            if (connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
            }
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** As on the server: how long one flush may block on a server that does not read; default 30 s. */
        public Builder writeTimeout(Duration writeTimeout) {
            if (writeTimeout.isNegative() || writeTimeout.isZero()) {
                throw new IllegalArgumentException("writeTimeout must be positive: " + writeTimeout);
            }
            this.writeTimeout = writeTimeout;
            return this;
        }

        /** An extra header on every opening request; one the handshake writes itself is refused at connect. */
        public Builder header(String name, String value) {
            headers.add(Map.entry(name, value));
            return this;
        }

        /** The {@code Origin} to send (RFC 6455 §4.1 item 8). */
        public Builder origin(String origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
            return this;
        }

        public BlockingWebSocketClient build() {
            return new BlockingWebSocketClient(this);
        }
    }
}
