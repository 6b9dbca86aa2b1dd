package dev.wskit.transport.core;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * What every wskit client offers, on every transport: connects, with or without
 * {@link ConnectOptions}, and {@link ReconnectingWebSocket reconnecting} connections, whose every
 * attempt is the transport's own connect. A transport writes its connect, the one it runs for a
 * reconnect and the timer between attempts; the overloads are the same everywhere.
 *
 * @param <C> what a connect returns: the open {@link WebSocket} on a client that blocks, or the
 *     transport's future of it
 * @param <X> what a connect throws: {@code IOException} on a client that blocks, nothing checked
 *     on the others
 */
public abstract class WebSocketClient<C, X extends Exception> implements AutoCloseable {
    private final ClientSettings settings;

    /**
     * A client of connections made with {@code settings}; nothing connects until a connect.
     *
     * @param settings the configuration, handshake, TLS and proxy every connection of this client
     *     is made with; not {@code null}
     * @throws NullPointerException when {@code settings} is {@code null}
     */
    protected WebSocketClient(ClientSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * What this client was built with.
     *
     * @return the settings given to the constructor, never {@code null}
     */
    protected final ClientSettings settings() {
        return settings;
    }

    /**
     * Connects to a {@code ws://} or {@code wss://} URI; {@code handler} receives the connection's
     * events, {@code onOpen} first. The opening request is the one the builder set up; see
     * {@link #connect(URI, WebSocketHandler, ConnectOptions)} for what it returns and throws.
     *
     * @param uri the server's {@code ws://} or {@code wss://} URI (RFC 6455 §3): its host and
     *     port are connected to, its path and query are the request target
     * @param handler the application's handler for this connection alone
     * @return the open {@link WebSocket}, or the transport's future of it (see {@code C})
     * @throws X on a client that blocks, when the TCP connection, the TLS handshake or the opening
     *     handshake fails; the others report it through the future instead
     */
    public final C connect(URI uri, WebSocketHandler handler) throws X {
        return connect(uri, handler, ConnectOptions.none());
    }

    /**
     * {@link #connect(URI, WebSocketHandler)} with what {@code options} adds to this connect's
     * opening request.
     *
     * @param uri the server's {@code ws://} or {@code wss://} URI (RFC 6455 §3): its host and
     *     port are connected to, its path and query are the request target
     * @param handler the application's handler for this connection alone, {@code onOpen} first
     * @param options the subprotocols, extensions and header fields this connect adds to the
     *     builder's opening request (RFC 6455 §4.1); {@link ConnectOptions#none()} adds nothing
     * @return the open {@link WebSocket} once {@code onOpen} ran, on a client that blocks; on the
     *     others, the transport's future of it, failed with why the connect or the handshake failed
     *     ({@link dev.wskit.protocol.handshake.UpgradeRefusedException} for a status other than 101)
     * @throws X on a client that blocks, when the TCP connection, the TLS handshake or the opening
     *     handshake fails (RFC 6455 §4.1: the client fails the connection on a wrong answer)
     * @throws IllegalArgumentException when {@code uri} is not a valid WebSocket URI (RFC 6455 §3)
     * @throws IllegalStateException after {@link #close()}
     */
    public abstract C connect(URI uri, WebSocketHandler handler, ConnectOptions options) throws X;

    /**
     * A connection to {@code uri} that connects again after it drops, as {@code policy} says, until
     * closed; see {@link ReconnectingWebSocket}. Returns at once.
     *
     * @param uri the server's {@code ws://} or {@code wss://} URI (RFC 6455 §3), the same for every
     *     attempt
     * @param handler the application's handler, kept across attempts: each new connection's events
     *     reach it, {@code onOpen} first
     * @param policy how long to wait before each attempt, and when to give up
     * @return the reconnecting connection, its first attempt already under way
     * @throws IllegalArgumentException when {@code uri} is not a valid WebSocket URI (RFC 6455 §3)
     * @throws IllegalStateException after {@link #close()}
     */
    public final ReconnectingWebSocket reconnecting(URI uri, WebSocketHandler handler, ReconnectPolicy policy) {
        return reconnecting(uri, handler, policy, ConnectOptions.none());
    }

    /**
     * {@link #reconnecting(URI, WebSocketHandler, ReconnectPolicy)} with what {@code options} adds
     * to the opening request of every connect.
     *
     * @param uri the server's {@code ws://} or {@code wss://} URI (RFC 6455 §3), the same for every
     *     attempt
     * @param handler the application's handler, kept across attempts: each new connection's events
     *     reach it, {@code onOpen} first
     * @param policy how long to wait before each attempt, and when to give up
     * @param options the subprotocols, extensions and header fields added to every attempt's
     *     opening request (RFC 6455 §4.1)
     * @return the reconnecting connection, its first attempt already under way
     * @throws IllegalArgumentException when {@code uri} is not a valid WebSocket URI (RFC 6455 §3)
     * @throws IllegalStateException after {@link #close()}
     */
    public final ReconnectingWebSocket reconnecting(URI uri, WebSocketHandler handler, ReconnectPolicy policy,
                                                    ConnectOptions options) {
        return settings.reconnecting(uri, handler, policy, options, this::connectInBackground, this::scheduleAttempt);
    }

    /**
     * One attempt of a reconnecting connection: a connect that returns at once.
     *
     * @param uri the server's {@code ws://} or {@code wss://} URI, already checked
     * @param handler the handler for the connection this attempt opens
     * @param options what this attempt adds to the opening request
     * @return completes with the open socket once {@code onOpen} ran, or fails with why the
     *     attempt failed, never throwing for it
     * @throws IllegalStateException after {@link #close()}
     */
    protected abstract CompletionStage<? extends WebSocket> connectInBackground(URI uri, WebSocketHandler handler,
                                                                               ConnectOptions options);

    /**
     * Runs {@code attempt} once, {@code delay} from now, on the client's own timer: the wait before
     * a reconnect.
     *
     * @param delay how long to wait before the attempt, as the reconnect policy computed it; zero
     *     or less runs it as soon as the timer can
     * @param attempt the attempt to run, on the timer's thread; it returns at once
     * @throws IllegalStateException after {@link #close()}, when the timer takes no more
     */
    protected abstract void scheduleAttempt(Duration delay, Runnable attempt);

    /**
     * Closes every connection of this client with {@code 1001 "client closing"} (RFC 6455 §7.4.1),
     * waits up to the configuration's close timeout for their closing handshakes, drops the rest,
     * and refuses later connects.
     */
    @Override
    public abstract void close();
}
