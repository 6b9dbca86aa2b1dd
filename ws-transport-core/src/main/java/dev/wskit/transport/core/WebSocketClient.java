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

    /** A client of connections made with {@code settings}. */
    protected WebSocketClient(ClientSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** What this client was built with. */
    protected final ClientSettings settings() {
        return settings;
    }

    /**
     * Connects to a {@code ws://} or {@code wss://} URI; {@code handler} receives the connection's
     * events, {@code onOpen} first. The opening request is the one the builder set up; see
     * {@link #connect(URI, WebSocketHandler, ConnectOptions)} for what it returns and throws.
     */
    public final C connect(URI uri, WebSocketHandler handler) throws X {
        return connect(uri, handler, ConnectOptions.none());
    }

    /**
     * {@link #connect(URI, WebSocketHandler)} with what {@code options} adds to this connect's
     * opening request.
     *
     * @throws IllegalArgumentException when {@code uri} is not a valid WebSocket URI (RFC 6455 §3)
     * @throws IllegalStateException after {@link #close()}
     */
    public abstract C connect(URI uri, WebSocketHandler handler, ConnectOptions options) throws X;

    /**
     * A connection to {@code uri} that connects again after it drops, as {@code policy} says, until
     * closed; see {@link ReconnectingWebSocket}. Returns at once.
     *
     * @throws IllegalArgumentException when {@code uri} is not a valid WebSocket URI (RFC 6455 §3)
     * @throws IllegalStateException after {@link #close()}
     */
    public final ReconnectingWebSocket reconnecting(URI uri, WebSocketHandler handler, ReconnectPolicy policy) {
        return reconnecting(uri, handler, policy, ConnectOptions.none());
    }

    /**
     * {@link #reconnecting(URI, WebSocketHandler, ReconnectPolicy)} with what {@code options} adds
     * to the opening request of every connect.
     */
    public final ReconnectingWebSocket reconnecting(URI uri, WebSocketHandler handler, ReconnectPolicy policy,
                                                    ConnectOptions options) {
        return settings.reconnecting(uri, handler, policy, options, this::connectInBackground, this::scheduleAttempt);
    }

    /**
     * One attempt of a reconnecting connection: a connect that returns at once.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    protected abstract CompletionStage<? extends WebSocket> connectInBackground(URI uri, WebSocketHandler handler,
                                                                               ConnectOptions options);

    /**
     * Runs {@code attempt} once, {@code delay} from now, on the client's own timer: the wait before
     * a reconnect.
     *
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
