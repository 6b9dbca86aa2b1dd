package dev.wskit.transport.core;

import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.WebSocketUri;
import dev.wskit.protocol.proxy.HttpProxy;
import dev.wskit.protocol.proxy.ProxyTunnel;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What a client was built with, checked by {@link ClientBuilder}: the configuration of its
 * connections, the connect timeout, what every opening request adds, and the proxy.
 *
 * @param config the configuration of every connection
 * @param connectTimeout bounds the TCP connect, a proxy's {@code CONNECT} exchange and the TLS handshake
 * @param headers extra header fields of every opening request, in order
 * @param origin the {@code Origin} to send, or {@code null} for none
 * @param proxy the HTTP proxy every connection tunnels through, or {@code null} for none
 * @param listener hears the life of every connection
 */
public record ClientSettings(WebSocketConfig config, Duration connectTimeout, List<Map.Entry<String, String>> headers,
                             String origin, HttpProxy proxy, ConnectionListener listener) {
    /** The reason of the {@code 1001} every open connection gets when a client closes. */
    public static final String CLOSE_REASON = "client closing";

    /**
     * Copies the headers; a listener is required ({@link ConnectionListener#NONE} for none).
     *
     * @param config the connection settings
     * @param connectTimeout bounds the TCP connect, the proxy's {@code CONNECT} and the TLS
     *     handshake
     * @param headers extra header fields of every opening request, in order
     * @param origin the {@code Origin} to send, or {@code null} for none
     * @param proxy the HTTP proxy to tunnel through, or {@code null} for none
     * @param listener hears every connection's life; not {@code null}
     */
    public ClientSettings {
        headers = List.copyOf(headers);
        Objects.requireNonNull(listener, "listener");
    }

    /**
     * The driver of a connection just made on {@code io}, its opening request {@code handshake}.
     *
     * @param handshake the opening request to send (RFC 6455 §4.1)
     * @param handler the application's handler
     * @param io the new TCP connection's I/O
     * @return the driver, not yet started
     */
    public ConnectionDriver newConnection(ClientHandshake handshake, WebSocketHandler handler, ConnectionIo io) {
        return newConnection(handshake, handler, io, WebSocketFacade::new);
    }

    /**
     * {@link #newConnection(ClientHandshake, WebSocketHandler, ConnectionIo)} with the transport's
     * own facade.
     *
     * @param handshake the opening request to send (RFC 6455 §4.1)
     * @param handler the application's handler
     * @param io the new TCP connection's I/O
     * @param facades makes the socket the application holds from the driver
     * @return the driver, not yet started
     */
    public ConnectionDriver newConnection(ClientHandshake handshake, WebSocketHandler handler, ConnectionIo io,
                                          Function<ConnectionDriver, ? extends WebSocketFacade> facades) {
        return ConnectionDriver.client(handshake, config, handler, io, facades).observedBy(listener);
    }

    /**
     * What one connect opens with: its opening handshake, where it goes, the proxy's tunnel to it
     * (or {@code null} when it goes straight there), and its connect deadline, which began with it.
     *
     * @param handshake the opening request, with a fresh key (RFC 6455 §4.1 item 7)
     * @param target the server's URI, checked (RFC 6455 §3)
     * @param tunnel the {@code CONNECT} exchange with the proxy, or {@code null} without one
     * @param deadline the connect's deadline, which began with this opening
     */
    public record Opening(ClientHandshake handshake, WebSocketUri target, ProxyTunnel tunnel, ConnectDeadline deadline) {
        /**
         * Where TCP connects: the proxy when there is one, else the server.
         *
         * @return the host name or address
         */
        public String tcpHost() {
            return tunnel != null ? tunnel.proxy().host() : target.host();
        }

        /**
         * The port of {@link #tcpHost()}.
         *
         * @return the port, 1 to 65535
         */
        public int tcpPort() {
            return tunnel != null ? tunnel.proxy().port() : target.port();
        }
    }

    /**
     * One connect, checked alike on every client: {@code uri} is a WebSocket URI (RFC 6455 §3),
     * then the client is still open; the handshake has these headers and origin, then what
     * {@code options} adds for this connect, and a fresh key; through the proxy if there is one.
     *
     * @param uri the server's {@code ws:} or {@code wss:} URI
     * @param handler the application's handler; not {@code null}
     * @param options what this connect adds to the client's settings; not {@code null}
     * @param clientClosed whether the client was closed already
     * @return the connect to make: where TCP goes, the tunnel if any, and the handshake
     * @throws IllegalArgumentException when {@code uri} is not a WebSocket URI
     * @throws IllegalStateException when {@code clientClosed}
     */
    public Opening opening(URI uri, WebSocketHandler handler, ConnectOptions options, boolean clientClosed) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        ClientHandshake handshake = handshake(ClientHandshake.builder(uri), options);
        WebSocketUri target = WebSocketUri.of(uri);
        checkOpen(clientClosed);
        return new Opening(handshake, target, tunnelTo(target).orElse(null), ConnectDeadline.in(connectTimeout));
    }

    /**
     * {@link #opening} for a WebSocket over an HTTP/2 stream (RFC 8441 §4): the same checks, headers,
     * origin and options, in an extended {@code CONNECT} ({@link ClientHandshake#http2Fields()}),
     * which has no key. It has no tunnel: a client over HTTP/2 refuses a proxy when it is built.
     *
     * @param uri the server's {@code ws:} or {@code wss:} URI
     * @param handler the application's handler; not {@code null}
     * @param options what this connect adds to the client's settings; not {@code null}
     * @param clientClosed whether the client was closed already
     * @return the connect to make, its handshake the extended {@code CONNECT}, its tunnel {@code null}
     * @throws IllegalArgumentException when {@code uri} is not a WebSocket URI
     * @throws IllegalStateException when {@code clientClosed}
     */
    public Opening openingOverHttp2(URI uri, WebSocketHandler handler, ConnectOptions options, boolean clientClosed) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        ClientHandshake handshake = withSettings(ClientHandshake.builder(uri), options).buildForHttp2(config);
        WebSocketUri target = WebSocketUri.of(uri);
        checkOpen(clientClosed);
        return new Opening(handshake, target, null, ConnectDeadline.in(connectTimeout));
    }

    private static void checkOpen(boolean clientClosed) {
        if (clientClosed) {
            throw new IllegalStateException("client closed");
        }
    }

    /**
     * The opening handshake of one connection: {@code request}, fresh for its URI, with these
     * headers and origin added, then what {@code options} adds for this connect, built with a
     * fresh key.
     */
    ClientHandshake handshake(ClientHandshake.Builder request, ConnectOptions options) {
        return withSettings(request, options).build(config);
    }

    /** {@code request} with these headers and origin, then what {@code options} adds for this connect. */
    private ClientHandshake.Builder withSettings(ClientHandshake.Builder request, ConnectOptions options) {
        headers.forEach(field -> request.header(field.getKey(), field.getValue()));
        if (origin != null) {
            request.origin(origin);
        }
        options.addTo(request);
        return request;
    }

    /** A client's own connect with options, as {@link #reconnecting} calls it for each attempt. */
    @FunctionalInterface
    public interface Connect {
        /**
         * Connects to {@code uri}, completing with the open socket or the failure.
         *
         * @param uri the server's URI
         * @param handler the application's handler
         * @param options what this connect adds to the client's settings
         * @return completes with the open socket, or fails with why the connect or the handshake
         *     failed
         * @throws RuntimeException when the client cannot connect at all (closed)
         */
        CompletionStage<? extends WebSocket> connect(URI uri, WebSocketHandler handler, ConnectOptions options);
    }

    /**
     * The {@code reconnecting} of every client: a {@link ReconnectingWebSocket} whose every
     * attempt is {@code connect} with the same {@code options}, so headers set for one connect
     * (a token, a cookie) go with each reconnect too, each request built afresh with a new key.
     *
     * @param uri the server's URI
     * @param handler the application's handler, kept across reconnects
     * @param policy when to reconnect and how long to wait between attempts
     * @param options what every connect adds to the client's settings
     * @param connect makes one attempt
     * @param timer schedules the waits between attempts
     * @return the reconnecting socket, its first attempt started
     * @throws IllegalArgumentException when {@code uri} is not a WebSocket URI (RFC 6455 §3)
     * @throws RuntimeException what the first connect throws at its call site (a closed client)
     */
    public ReconnectingWebSocket reconnecting(URI uri, WebSocketHandler handler, ReconnectPolicy policy,
                                              ConnectOptions options, Connect connect,
                                              ReconnectingWebSocket.Timer timer) {
        // Checked here, as a client may make its first attempt on another thread.
        WebSocketUri.of(uri);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(connect, "connect");
        return ReconnectingWebSocket.start(handler, policy, each -> connect.connect(uri, each, options), timer);
    }

    /**
     * A fresh {@code CONNECT} exchange to {@code target}'s host and port when there is a proxy.
     *
     * @param target the server's URI
     * @return the exchange, or empty without a proxy
     */
    public Optional<ProxyTunnel> tunnelTo(WebSocketUri target) {
        return proxy == null ? Optional.empty() : Optional.of(ProxyTunnel.to(proxy, target));
    }

    /**
     * The connect timeout in whole milliseconds, as socket APIs take it.
     *
     * @return the timeout in milliseconds, 1 to {@link Integer#MAX_VALUE}
     */
    public int connectTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    }
}
