package dev.wskit.transport.core;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.RoundTrip;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.engine.PreparedMessage;
import dev.wskit.protocol.engine.PreparedSink;
import dev.wskit.protocol.engine.KeptMessage;
import dev.wskit.protocol.engine.MessageKeeper;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.net.ssl.SSLSession;

/**
 * A client connection that comes back: when it drops, or a connect fails, it connects again after
 * the {@link ReconnectPolicy}'s backoff, until {@link #close} or until the policy's attempts in a
 * row have failed. The handler hears every connection: {@code onOpen} with each new one,
 * {@code onClose} when it ends. Written once over what each transport's client gives: a
 * {@link Connector} and a {@link Timer}.
 *
 * <p>As a {@link WebSocket} it is the connection open now: sends go to it, and are refused
 * ({@code false}) while there is none, never queued for a later one. Reads answer for the current
 * connection, or as a connection that is {@code CONNECTING} (between connections) or
 * {@code CLOSED} (stopped). {@link #stopped()} says when and why it stopped for good.
 */
public final class ReconnectingWebSocket implements WebSocket, PreparedSink, MessageKeeper {
    /** Opens one connection to the one URI, with {@code handler}: what each transport's client does. */
    @FunctionalInterface
    public interface Connector {
        /**
         * Connects, completing with the open socket or the failure.
         *
         * @param handler the handler the new connection reports to
         * @return completes with the open socket, or fails with why the connect or the handshake
         *     failed
         * @throws RuntimeException when the client cannot connect at all (closed): the socket stops
         */
        CompletionStage<? extends WebSocket> connect(WebSocketHandler handler);
    }

    /** Runs a task once after a delay, on the transport's own timer, without blocking the caller. */
    @FunctionalInterface
    public interface Timer {
        /**
         * Runs {@code task} once, {@code delay} from now.
         *
         * @param delay the wait, at least 0
         * @param task the next connect attempt
         */
        void schedule(Duration delay, Runnable task);
    }

    private final WebSocketHandler handler;
    private final ReconnectPolicy policy;
    private final Connector connector;
    private final Timer timer;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    /** The connection open now, or {@code null} between connections. */
    private volatile WebSocket current;
    private int failedInARow; // guarded by this

    private ReconnectingWebSocket(WebSocketHandler handler, ReconnectPolicy policy, Connector connector, Timer timer) {
        this.handler = handler;
        this.policy = policy;
        this.connector = connector;
        this.timer = timer;
    }

    /**
     * Starts connecting at once.
     *
     * @param handler the application's handler, which hears every connection made
     * @param policy when to reconnect and how long to wait between attempts
     * @param connector makes one connect
     * @param timer schedules the waits between attempts
     * @return the socket, its first connect started
     * @throws RuntimeException what the first connect throws at its call site (a URI that is not a
     *     WebSocket URI, a closed client)
     */
    public static ReconnectingWebSocket start(WebSocketHandler handler, ReconnectPolicy policy, Connector connector,
                                              Timer timer) {
        ReconnectingWebSocket socket = new ReconnectingWebSocket(Objects.requireNonNull(handler, "handler"),
                Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(connector, "connector"),
                Objects.requireNonNull(timer, "timer"));
        socket.connect(socket.new Connection());
        return socket;
    }

    /**
     * Completes when this socket stops for good: normally after {@link #close}, exceptionally with
     * the last connect's failure once the policy's attempts in a row have failed, or with what
     * the client threw when it could not connect at all (it was closed).
     *
     * @return the stage completing when the socket stops
     */
    public CompletionStage<Void> stopped() {
        return stopped;
    }

    /** One connect; a connection that opened and then failed its connect (its onOpen threw) is retried at its close. */
    private void connect(Connection connection) {
        connector.connect(connection).whenComplete((open, failure) -> {
            if (failure != null && !connection.announced) {
                attemptFailed(failure);
            }
        });
    }

    private void attemptFailed(Throwable failure) {
        int attempt;
        synchronized (this) {
            attempt = ++failedInARow;
        }
        if (attempt >= policy.maxAttempts()) {
            stopped.completeExceptionally(failure);
        } else {
            retryLater(attempt);
        }
    }

    /** Schedules the next connect, after the backoff of {@code attempt} in a row (1 after a connection dropped). */
    private void retryLater(int attempt) {
        if (stopped.isDone()) {
            return;
        }
        try {
            timer.schedule(policy.delayBefore(attempt), this::retry);
        } catch (RuntimeException timerGone) {
            // The client shut its timer down: nothing will ever connect again.
            stopped.completeExceptionally(timerGone);
        }
    }

    private void retry() {
        if (stopped.isDone()) {
            return;
        }
        try {
            connect(new Connection());
        } catch (RuntimeException closedClient) {
            stopped.completeExceptionally(closedClient);
        }
    }

    /** The handler of one connection: the application's, plus the bookkeeping of this socket. */
    private final class Connection extends ForwardingWebSocketHandler {
        /** Whether the application heard {@code onOpen}, so it hears {@code onClose} too; read by the connect's listener. */
        private volatile boolean announced;

        Connection() {
            super(handler);
        }

        @Override
        public void onOpen(WebSocket socket) {
            synchronized (ReconnectingWebSocket.this) {
                if (stopped.isDone()) {
                    // Opened as this socket stopped: not the application's any more.
                    socket.close();
                    return;
                }
                failedInARow = 0;
                current = socket;
            }
            announced = true;
            super.onOpen(socket);
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            if (!announced) {
                return;
            }
            current = null;
            try {
                super.onClose(socket, code, reason);
            } finally {
                retryLater(1);
            }
        }
    }

    /** Stops reconnecting, and closes the connection open now, if any. */
    @Override
    public void close(int code, String reason) {
        WebSocket open;
        synchronized (this) {
            // With onOpen's check: a connection that opens now is either seen here or closes itself.
            stopped.complete(null);
            open = current;
        }
        if (open != null) {
            open.close(code, reason);
        }
    }

    @Override
    public boolean sendText(CharSequence text, boolean last) {
        return sent(open -> open.sendText(text, last));
    }

    @Override
    public boolean sendBinary(ByteBuffer data, boolean last) {
        return sent(open -> open.sendBinary(data, last));
    }

    @Override
    public boolean transferBinary(ByteBuffer data, boolean last) {
        return sent(open -> open.transferBinary(data, last));
    }

    @Override
    public boolean sendPrepared(PreparedMessage message) {
        return sent(open -> message.sendTo(open));
    }

    /** The message the connection open now is delivering; see {@link KeptMessage#take}. */
    @Override
    public KeptMessage keepMessage() {
        WebSocket open = current;
        if (open == null) {
            throw new IllegalStateException("no connection is open, so no message is being delivered");
        }
        return KeptMessage.take(open);
    }

    /** Forwarded on the connection open now; with none, refused and released. */
    @Override
    public boolean forward(KeptMessage message) {
        WebSocket open = current;
        if (open == null) {
            message.release();
            return false;
        }
        return message.forwardTo(open);
    }

    @Override
    public boolean sendPing(ByteBuffer payload) {
        return sent(open -> open.sendPing(payload));
    }

    @Override
    public boolean sendPong(ByteBuffer payload) {
        return sent(open -> open.sendPong(payload));
    }

    @Override
    public boolean ping() {
        return sent(WebSocket::ping);
    }

    /** The current connection's round-trip time: each connection measures its own. */
    @Override
    public Optional<RoundTrip> roundTrip() {
        return ofCurrent(WebSocket::roundTrip, Optional.empty());
    }

    @Override
    public ConnectionState state() {
        return ofCurrent(WebSocket::state, stopped.isDone() ? ConnectionState.CLOSED : ConnectionState.CONNECTING);
    }

    @Override
    public String subprotocol() {
        return ofCurrent(WebSocket::subprotocol, null);
    }

    /** The current connection's opening request, or {@code null} between connections. */
    @Override
    public HttpRequest request() {
        return ofCurrent(WebSocket::request, null);
    }

    @Override
    public Optional<HttpResponse> handshakeResponse() {
        return ofCurrent(WebSocket::handshakeResponse, Optional.empty());
    }

    @Override
    public SocketAddress remoteAddress() {
        return ofCurrent(WebSocket::remoteAddress, null);
    }

    @Override
    public SocketAddress localAddress() {
        return ofCurrent(WebSocket::localAddress, null);
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return ofCurrent(WebSocket::tlsSession, Optional.empty());
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of();
    }

    @Override
    public void pause() {
        ofCurrent(open -> {
            open.pause();
            return null;
        }, null);
    }

    @Override
    public void resume() {
        ofCurrent(open -> {
            open.resume();
            return null;
        }, null);
    }

    @Override
    public long pendingOutboundBytes() {
        return ofCurrent(WebSocket::pendingOutboundBytes, 0L);
    }

    /** A send to the connection open now; refused when there is none. */
    private boolean sent(Predicate<WebSocket> send) {
        WebSocket open = current;
        return open != null && send.test(open);
    }

    /** What the connection open now answers, or {@code between} when there is none. */
    private <T> T ofCurrent(Function<WebSocket, T> read, T between) {
        WebSocket open = current;
        return open == null ? between : read.apply(open);
    }
}
