package dev.wskit.transport.core;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.RoundTrip;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.engine.PreparedMessage;
import dev.wskit.protocol.engine.PreparedSink;
import dev.wskit.protocol.engine.KeptMessage;
import dev.wskit.protocol.engine.MessageKeeper;
import dev.wskit.protocol.frame.ClosePayload;
import dev.wskit.protocol.frame.FrameEncoder;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.text.Utf8Encoder;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLSession;

/**
 * The {@link WebSocket} of one connection on every transport, safe to call from any thread. On the
 * connection's owner (its event loop, context, or lock holder) a call goes straight to the engine;
 * from any other thread it is handed to the owner as one task, in call order, so frames of
 * concurrent senders never interleave. Data a handed-over send reads is copied first, unless the
 * owner runs it before the call returns.
 *
 * <p>Answers, the same everywhere: a send on a connection that is closing or closed returns
 * {@code false} (from another thread, as last published; one that loses the race with a close on
 * the owner is dropped, as the peer would ignore it after the close frame, RFC 6455 §5.5.1). Bad
 * arguments throw at the call site on any thread. Misuse found only when a handed-over call runs
 * (a message interleaved with another one sent in pieces) fails the connection with 1011, as a
 * handler's exception does. Reads never lock and never wait: off the owner they return the state
 * (and the round-trip time) the owner last published, after every step.
 */
public class WebSocketFacade implements WebSocket, PreparedSink, MessageKeeper {
    private final ConnectionDriver driver;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile String subprotocol;
    private volatile HttpRequest request;
    /** A client's 101 once received; stays {@code null} on a server (see {@link WebSocket#handshakeResponse()}). */
    private volatile HttpResponse handshakeResponse;
    private volatile Map<String, Object> attributes = Map.of();
    private volatile long pendingOutboundBytes;
    private volatile Optional<RoundTrip> roundTrip = Optional.empty();
    /** A field, not an AtomicLong: one object less per connection. */
    private static final AtomicLongFieldUpdater<WebSocketFacade> HANDED_OVER_BYTES =
            AtomicLongFieldUpdater.newUpdater(WebSocketFacade.class, "handedOverBytes");
    /** Bytes of sends handed to the owner that it has not run yet. */
    private volatile long handedOverBytes;
    /**
     * A close another thread handed over: from then on other threads' sends are refused. Guarded,
     * as every hand-over, by the driver's monitor (nobody outside this package holds it, and it
     * costs no object of its own), so a send that returned {@code true} is queued before the close
     * and written before it.
     */
    private boolean closeHandedOver;
    /**
     * The last text piece handed over ended with a high surrogate its next piece completes. Pieces
     * sent on the owner are not seen here: a message whose pieces come from the owner and another
     * thread in turn, split inside a surrogate pair, is refused off the owner.
     */
    private boolean textAwaitsLowSurrogate; // guarded by the driver's monitor

    /**
     * The facade of {@code driver}'s connection; a transport's subclass adds its own sends.
     *
     * @param driver the connection's driver
     */
    protected WebSocketFacade(ConnectionDriver driver) {
        this.driver = driver;
    }

    @Override
    public boolean sendText(CharSequence text, boolean last) {
        if (isOwner()) {
            return afterStep(socket().sendText(text, last));
        }
        String copy = text.toString();
        if (!driver.io().runsLaterFromHere()) {
            return handOver(copy.length(), () -> socket().sendText(copy, last));
        }
        synchronized (driver) {
            // Checked here, so bad text fails at its call site, a piece's first char against the last one handed over.
            Utf8Encoder.checkPiece(copy, last, textAwaitsLowSurrogate);
            boolean sent = handOver(copy.length(), () -> socket().sendText(copy, last));
            if (sent) {
                textAwaitsLowSurrogate = !last && !copy.isEmpty() && Character.isHighSurrogate(copy.charAt(copy.length() - 1));
            }
            return sent;
        }
    }

    @Override
    public boolean sendBinary(ByteBuffer data, boolean last) {
        if (isOwner()) {
            return afterStep(socket().sendBinary(data, last));
        }
        if (driver.io().runsLaterFromHere()) {
            // Copied once here, then handed over: the engine need not copy it again.
            ByteBuffer copy = copyOf(data);
            return handOver(copy.remaining(), () -> socket().transferBinary(copy, last));
        }
        return handOver(data.remaining(), () -> socket().sendBinary(data, last));
    }

    @Override
    public boolean transferBinary(ByteBuffer data, boolean last) {
        if (isOwner()) {
            return afterStep(socket().transferBinary(data, last));
        }
        return handOver(data.remaining(), () -> socket().transferBinary(data, last));
    }

    /**
     * {@link #transferBinary(ByteBuffer, boolean)} of memory that must be freed explicitly:
     * {@code release} runs exactly once, whatever happens to the send (for a transport's own
     * pooled buffers).
     *
     * @param data the payload, from position to limit; owned by the connection from this call on
     * @param last {@code true} when this piece ends the message (the frame's FIN bit, RFC 6455
     *     §5.4)
     * @param release frees {@code data}; run exactly once
     * @return {@code true} when queued, {@code false} when refused because the connection is
     *     closing or closed
     */
    protected boolean transferBinary(ByteBuffer data, boolean last, PayloadRelease release) {
        if (isOwner()) {
            return afterStep(driver.transferBinary(data, last, release));
        }
        if (!driver.io().runsLaterFromHere()) {
            // The engine answers before this returns, and runs the release itself whatever it answers.
            return handOver(data.remaining(), () -> driver.transferBinary(data, last, release));
        }
        // Refused or failed before it reached the engine: released here.
        boolean accepted = false;
        try {
            accepted = handOver(data.remaining(), () -> driver.transferBinary(data, last, release));
            return accepted;
        } finally {
            if (!accepted) {
                release.release();
            }
        }
    }

    /** On the owner only: a message is delivered there, inside the handler's call. */
    @Override
    public KeptMessage keepMessage() {
        if (!isOwner()) {
            throw new IllegalStateException("a message is kept inside onText or onBinary, on its connection's thread");
        }
        return KeptMessage.take(socket());
    }

    /**
     * From any thread, as {@link #transferBinary(ByteBuffer, boolean, PayloadRelease)}: the kept
     * bytes are nobody else's, so they are handed over as they are; released exactly once.
     */
    @Override
    public boolean forward(KeptMessage message) {
        if (isOwner()) {
            return afterStep(message.forwardTo(socket()));
        }
        if (!driver.io().runsLaterFromHere()) {
            return handOver(message.size(), () -> message.forwardTo(socket()));
        }
        boolean accepted = false;
        try {
            accepted = handOver(message.size(), () -> message.forwardTo(socket()));
            return accepted;
        } finally {
            if (!accepted) {
                message.release();
            }
        }
    }

    /** From any thread: the message's bytes are immutable, so they are handed over as they are. */
    @Override
    public boolean sendPrepared(PreparedMessage message) {
        if (isOwner()) {
            return afterStep(message.sendTo(socket()));
        }
        return handOver(message.size(), () -> message.sendTo(socket()));
    }

    @Override
    public boolean sendPing(ByteBuffer payload) {
        FrameEncoder.checkControlPayload(payload);
        if (isOwner()) {
            return afterStep(socket().sendPing(payload));
        }
        ByteBuffer copy = outliving(payload);
        return handOver(copy.remaining(), () -> socket().sendPing(copy));
    }

    @Override
    public boolean sendPong(ByteBuffer payload) {
        FrameEncoder.checkControlPayload(payload);
        if (isOwner()) {
            return afterStep(socket().sendPong(payload));
        }
        ByteBuffer copy = outliving(payload);
        return handOver(copy.remaining(), () -> socket().sendPong(copy));
    }

    @Override
    public boolean ping() {
        if (isOwner()) {
            return afterStep(socket().ping());
        }
        return handOver(0, () -> socket().ping());
    }

    @Override
    public void close(int code, String reason) {
        // The engine's own rules, checked here so a handed-over call fails at its call site.
        ClosePayload.encode(code, reason);
        if (isOwner()) {
            socket().close(code, reason);
            driver.afterStep();
        } else {
            closeAfterHandedOverSends(code, reason);
        }
    }

    /**
     * A close that follows every send other threads saw taken: the server or client stopping
     * (1001), from any thread, the owner's too (whose transport may run it after tasks it already
     * holds). From then on those threads' sends are refused.
     */
    void closeAfterHandedOverSends(int code, String reason) {
        Runnable close = () -> {
            socket().close(code, reason);
            driver.afterStep();
        };
        synchronized (driver) {
            closeHandedOver = true;
            if (isOwner() || driver.io().runsLaterFromHere()) {
                driver.io().runAsOwner(close);
                return;
            }
        }
        // Run by the owner before this returns: the order is the owner's, and no monitor is held while it runs.
        driver.io().runAsOwner(close);
    }

    @Override
    public void pause() {
        runAsOwner(driver::pause);
    }

    @Override
    public void resume() {
        runAsOwner(driver::resume);
    }

    @Override
    public ConnectionState state() {
        return isOwner() ? socket().state() : state;
    }

    @Override
    public String subprotocol() {
        return isOwner() ? socket().subprotocol() : subprotocol;
    }

    @Override
    public HttpRequest request() {
        return isOwner() ? socket().request() : request;
    }

    @Override
    public Optional<HttpResponse> handshakeResponse() {
        return isOwner() ? socket().handshakeResponse() : Optional.ofNullable(handshakeResponse);
    }

    @Override
    public SocketAddress remoteAddress() {
        return driver.io().remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return driver.io().localAddress();
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return driver.io().tlsSession();
    }

    @Override
    public Map<String, Object> attributes() {
        return isOwner() ? socket().attributes() : attributes;
    }

    @Override
    public Optional<RoundTrip> roundTrip() {
        return isOwner() ? socket().roundTrip() : roundTrip;
    }

    /** The engine's queue, the transport's unwritten bytes, and sends handed over and not yet run. */
    @Override
    public long pendingOutboundBytes() {
        return isOwner() ? socket().pendingOutboundBytes() + driver.unwrittenBytesNow() : pendingOutboundBytes;
    }

    /** Bytes of sends from other threads waiting for the owner. */
    long handedOverBytes() {
        return handedOverBytes;
    }

    /** On the owner: makes the engine's state visible to other threads now. */
    void publish() {
        WebSocket socket = socket();
        state = socket.state();
        subprotocol = socket.subprotocol();
        request = socket.request();
        if (handshakeResponse == null) {
            // Set once; no Optional is made after that (a server's empty one is shared).
            handshakeResponse = socket.handshakeResponse().orElse(null);
        }
        attributes = socket.attributes();
        pendingOutboundBytes = socket.pendingOutboundBytes() + driver.unwrittenBytes();
        // The engine keeps one Optional per measurement: publishing it allocates nothing.
        roundTrip = socket.roundTrip();
    }

    @Override
    public String toString() {
        return "WebSocket[" + state + "]";
    }

    private boolean isOwner() {
        return driver.io().isOwner();
    }

    /** The engine's own socket: what a call does, on the owner. */
    private WebSocket socket() {
        return driver.applicationSocket();
    }

    private boolean afterStep(boolean sent) {
        driver.afterStep();
        return sent;
    }

    /**
     * Hands a send of about {@code bytes} to the owner. What waits to be handed over counts with the
     * connection's unwritten bytes: past {@link dev.wskit.protocol.WebSocketConfig#maxOutboundBytes()}
     * the send is refused here (the owner, stuck or busy, drops the peer when it next runs), so
     * threads sending to a peer that does not read cannot queue without bound.
     */
    private boolean handOver(long bytes, BooleanSupplier send) {
        ConnectionState seen = state;
        if (seen == ConnectionState.CONNECTING) {
            throw new IllegalStateException("cannot send before the opening handshake completed");
        }
        if (!driver.io().runsLaterFromHere()) {
            return runNow(send);
        }
        synchronized (driver) {
            if (seen != ConnectionState.OPEN || closeHandedOver
                    || handedOverBytes + pendingOutboundBytes + bytes > driver.maxOutboundBytes()) {
                return false;
            }
            HANDED_OVER_BYTES.addAndGet(this, bytes);
            driver.io().runAsOwner(() -> runHandedOver(bytes, send));
            return true;
        }
    }

    /**
     * The owner runs the send before this call returns (the blocking transport, outside any
     * callback): misuse throws here, and the answer is the engine's own.
     */
    private boolean runNow(BooleanSupplier send) {
        boolean[] sent = new boolean[1];
        RuntimeException[] misuse = new RuntimeException[1];
        driver.io().runAsOwner(() -> {
            try {
                sent[0] = send.getAsBoolean();
            } catch (RuntimeException e) {
                misuse[0] = e;
            }
            driver.afterStep();
        });
        if (misuse[0] != null) {
            throw misuse[0];
        }
        return sent[0];
    }

    private void runHandedOver(long bytes, BooleanSupplier send) {
        HANDED_OVER_BYTES.addAndGet(this, -bytes);
        try {
            send.getAsBoolean();
        } catch (RuntimeException misuse) {
            driver.applicationFailed(misuse);
        }
        driver.afterStep();
    }

    private void runAsOwner(Runnable action) {
        if (isOwner()) {
            action.run();
        } else {
            driver.io().runAsOwner(action);
        }
    }

    private ByteBuffer outliving(ByteBuffer data) {
        return driver.io().runsLaterFromHere() ? copyOf(data) : data;
    }

    private static ByteBuffer copyOf(ByteBuffer data) {
        return ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
    }
}
