package dev.wskit.transport.core;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
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
public final class ReconnectingWebSocket implements WebSocket {
    /** Opens one connection to the one URI, with {@code handler}: what each transport's client does. */
    @FunctionalInterface
    public interface Connector {
        /**
         * Connects, completing with the open socket or the failure.
         *
         * @throws RuntimeException when the client cannot connect at all (closed): the socket stops
         */
        CompletionStage<? extends WebSocket> connect(WebSocketHandler handler);
    }

    /** Runs a task once after a delay, on the transport's own timer, without blocking the caller. */
    @FunctionalInterface
    public interface Timer {
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
     * @throws RuntimeException what the first connect throws at its call site (a URI that is not a
     *     WebSocket URI, a closed client)
     */
    public static ReconnectingWebSocket start(WebSocketHandler handler, ReconnectPolicy policy, Connector connector,
                                              Timer timer) {
        ReconnectingWebSocket socket = new ReconnectingWebSocket(Objects.requireNonNull(handler, "handler"),
                Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(connector, "connector"),
                Objects.requireNonNull(timer, "timer"));
        socket.connect(connector.connect(socket.new Connection()));
        return socket;
    }

    /**
     * Completes when this socket stops for good: normally after {@link #close}, exceptionally with
     * the last connect's failure once the policy's attempts in a row have failed, or with what
     * the client threw when it could not connect at all (it was closed).
     */
    public CompletionStage<Void> stopped() {
        return stopped;
    }

    private void connect(CompletionStage<? extends WebSocket> connecting) {
        connecting.whenComplete((open, failure) -> {
            if (failure != null) {
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
        CompletionStage<? extends WebSocket> connecting;
        try {
            connecting = connector.connect(new Connection());
        } catch (RuntimeException closedClient) {
            stopped.completeExceptionally(closedClient);
            return;
        }
        connect(connecting);
    }

    /** The handler of one connection: the application's, plus the bookkeeping of this socket. */
    private final class Connection extends ForwardingWebSocketHandler {
        /** Whether the application heard {@code onOpen}, so it hears {@code onClose} too. */
        private boolean announced;

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
        WebSocket open = current;
        return open != null && open.sendText(text, last);
    }

    @Override
    public boolean sendBinary(ByteBuffer data, boolean last) {
        WebSocket open = current;
        return open != null && open.sendBinary(data, last);
    }

    @Override
    public boolean transferBinary(ByteBuffer data, boolean last) {
        WebSocket open = current;
        return open != null && open.transferBinary(data, last);
    }

    @Override
    public boolean sendPing(ByteBuffer payload) {
        WebSocket open = current;
        return open != null && open.sendPing(payload);
    }

    @Override
    public boolean sendPong(ByteBuffer payload) {
        WebSocket open = current;
        return open != null && open.sendPong(payload);
    }

    @Override
    public ConnectionState state() {
        WebSocket open = current;
        if (open != null) {
            return open.state();
        }
        return stopped.isDone() ? ConnectionState.CLOSED : ConnectionState.CONNECTING;
    }

    @Override
    public String subprotocol() {
        WebSocket open = current;
        return open == null ? null : open.subprotocol();
    }

    /** The current connection's opening request, or {@code null} between connections. */
    @Override
    public HttpRequest request() {
        WebSocket open = current;
        return open == null ? null : open.request();
    }

    @Override
    public Optional<HttpResponse> handshakeResponse() {
        WebSocket open = current;
        return open == null ? Optional.empty() : open.handshakeResponse();
    }

    @Override
    public SocketAddress remoteAddress() {
        WebSocket open = current;
        return open == null ? null : open.remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        WebSocket open = current;
        return open == null ? null : open.localAddress();
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        WebSocket open = current;
        return open == null ? Optional.empty() : open.tlsSession();
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of();
    }

    @Override
    public void pause() {
        WebSocket open = current;
        if (open != null) {
            open.pause();
        }
    }

    @Override
    public void resume() {
        WebSocket open = current;
        if (open != null) {
            open.resume();
        }
    }

    @Override
    public long pendingOutboundBytes() {
        WebSocket open = current;
        return open == null ? 0 : open.pendingOutboundBytes();
    }
}
