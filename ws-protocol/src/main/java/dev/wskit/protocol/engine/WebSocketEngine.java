package dev.wskit.protocol.engine;

import dev.wskit.protocol.Backpressure;
import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.CloseInitiator;
import dev.wskit.protocol.ConnectionInfo;
import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.MemoryAccount;
import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.Role;
import dev.wskit.protocol.RoundTrip;
import dev.wskit.protocol.TransportEnd;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.frame.ClosePayload;
import dev.wskit.protocol.frame.FrameEncoder;
import dev.wskit.protocol.frame.Opcode;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.UpgradeRefusedException;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One WebSocket connection as its transport drives it: a state machine (RFC 6455 §4, §5, §7) fed
 * bytes and time, giving back handler events, bytes to write and the decision how TCP ends. It
 * owns every state transition; transports only move bytes and run one timer. The application
 * never holds the engine: it gets {@link #socket()}, or the transport's own wrapper of it.
 *
 * <p>Input: {@link #receive} consumes what it can and calls the handler synchronously; the end of
 * the stream is one more input ({@link #transportClosed}), so a dropped TCP link is a 1006 close,
 * not an exception. Output: sends only queue frames; the transport takes them with
 * {@link #pollOutbound}, and ends TCP the way {@link #transportEnd()} says. Time: the engine reads
 * the clock the transport gave it, says when it next needs to be woken ({@link #nextWakeUp()}),
 * and on {@link #wakeUp()} decides what a deadline means (handshake timeout, keepalive ping, a
 * dead peer, a close that never completed).
 *
 * <p>Not thread-safe: one thread at a time drives a connection (an event loop, a context, a
 * lock), and calls its socket. A peer's violation never escapes {@code receive}: it becomes a
 * close frame with the violation's code, {@link WebSocketHandler#onError} and a decision to end TCP.
 */
public final class WebSocketEngine {
    private final Role role;
    private final WebSocketConfig config;
    /** Before the open on a server, the one that hears a failed handshake; then the decision's. */
    private WebSocketHandler handler;
    /** Frames are read once the connection is open, with the handler it opened with. */
    private InboundFrames inbound;
    /** See {@link #retainReadBuffersWith}; {@code null}: kept messages are copied from read buffers. */
    private ReadBufferRetainer readBufferRetainer;
    private final Outbound outbound;
    /**
     * The opening handshake, until the connection opens: then only what outlives it is kept
     * (below), so an open connection holds no parser, decider or decision.
     */
    private OpeningHandshake handshake;
    /** The opening request, the subprotocol and a client's 101, kept from the handshake at the open. */
    private HttpRequest request;
    private String subprotocol;
    private HttpResponse handshakeResponse;
    private final ConnectionTimers timers;
    private final EngineSocket socket;
    private final ConnectionObserver observer;
    private final LongSupplier nanoClock;
    /** Made with the first measuring ping (keepalive's or the application's): most connections send none. */
    private RoundTripMeter roundTrips;

    private WebSocket endpoint;
    private ConnectionState state = ConnectionState.CONNECTING;
    private boolean opened;
    private boolean inputClosed;
    private TransportEnd end = TransportEnd.NONE;
    private boolean paused;
    private boolean aboveHighWaterMark;
    private WebSocketException failure;
    private Map<String, Object> attributes = Map.of();
    private MemoryAccount memory = MemoryAccount.UNLIMITED;
    /** Unwritten output reserved of {@link #memory} at the last {@link #holdUnwritten}. */
    private long unwrittenHeld;

    private WebSocketEngine(Role role, WebSocketConfig config, WebSocketHandler handler, UpgradeDecider decider,
                            ClientHandshake clientHandshake, LongSupplier nanoClock) {
        this.role = role;
        this.config = Objects.requireNonNull(config, "config");
        this.handler = Objects.requireNonNull(handler, "handler");
        FrameEncoder frames = role == Role.SERVER ? Outbound.SERVER_FRAMES : new FrameEncoder(role, config.random());
        this.outbound = new Outbound(frames, config.maxOutgoingFrameSize());
        this.handshake = role == Role.SERVER
                ? OpeningHandshake.server(config, Objects.requireNonNull(decider, "decider"), outbound)
                : OpeningHandshake.client(clientHandshake, config, outbound);
        this.timers = new ConnectionTimers(config, Objects.requireNonNull(nanoClock, "nanoClock"));
        this.observer = new ConnectionObserver(nanoClock);
        this.nanoClock = nanoClock;
        this.socket = new EngineSocket(this, outbound);
        this.endpoint = socket;
    }

    /**
     * A server-side connection, waiting for the client's opening handshake, whose timeout starts
     * now. {@code nanoClock} is the time base of every deadline ({@code System::nanoTime} on a
     * real transport; a test may step its own).
     *
     * @param config the connection's settings
     * @param handler the application's handler, accepting every valid upgrade
     * @param nanoClock the time source in nanoseconds, monotonic
     * @return a new engine in {@link ConnectionState#CONNECTING}, expecting the request's bytes at
     *     {@link #receive}
     */
    public static WebSocketEngine server(WebSocketConfig config, WebSocketHandler handler, LongSupplier nanoClock) {
        return server(config, request -> UpgradeDecision.accept(handler), handler, nanoClock);
    }

    /**
     * A server-side connection whose upgrade {@code decider} decides, with the handler of its
     * choice; until then {@code beforeOpen} hears a failed handshake ({@code onError} only).
     *
     * @param config the connection's settings
     * @param decider decides from the request whether to accept it (RFC 6455 §4.2.2) and with which
     *     handler
     * @param beforeOpen the handler told of a handshake that fails before the decision
     * @param nanoClock the time source in nanoseconds, monotonic
     * @return a new engine in {@link ConnectionState#CONNECTING}, expecting the request's bytes at
     *     {@link #receive}
     */
    public static WebSocketEngine server(WebSocketConfig config, UpgradeDecider decider, WebSocketHandler beforeOpen,
                                         LongSupplier nanoClock) {
        return new WebSocketEngine(Role.SERVER, config, beforeOpen, decider, null, nanoClock);
    }

    /**
     * A client-side connection; the opening request is queued for the wire at once.
     *
     * @param handshake the opening request to send (RFC 6455 §4.1); not {@code null}
     * @param config the connection's settings
     * @param handler the application's handler
     * @param nanoClock the time source in nanoseconds, monotonic
     * @return a new engine in {@link ConnectionState#CONNECTING}, with its request at
     *     {@link #pollOutbound()}
     */
    public static WebSocketEngine client(ClientHandshake handshake, WebSocketConfig config, WebSocketHandler handler,
                                         LongSupplier nanoClock) {
        return new WebSocketEngine(Role.CLIENT, config, handler, null, Objects.requireNonNull(handshake), nanoClock);
    }

    /**
     * The connection as the application sees it, straight on this engine: called on the thread
     * that drives the engine only. A transport wraps it in its own socket, safe on any thread.
     *
     * @return this engine's own socket, never {@code null}
     */
    public WebSocket socket() {
        return socket;
    }

    /**
     * The object handlers receive as their {@link WebSocket}; a transport passes its own
     * thread-safe wrapper here before the first {@link #receive}. Defaults to {@link #socket()}.
     *
     * @param facade the transport's socket, which handlers receive; not {@code null}
     */
    public void endpoint(WebSocket facade) {
        this.endpoint = Objects.requireNonNull(facade);
    }

    /**
     * Where this connection's buffers are reserved (a server's memory budget); a transport sets it
     * before the first {@link #receive}. Defaults to {@link MemoryAccount#UNLIMITED}.
     *
     * @param account the account this connection's buffers are reserved of; not {@code null}
     */
    public void memoryAccount(MemoryAccount account) {
        this.memory = Objects.requireNonNull(account);
    }

    /**
     * Who hears this connection's life (see {@link ConnectionListener}): the {@code transport}
     * that carries it, to the peer at {@code remoteAddress} ({@code null} if unknown), is named in
     * every event. A transport sets it before the first {@link #receive}. Defaults to
     * {@link ConnectionListener#NONE}.
     *
     * @param listener the listener; not {@code null} ({@link ConnectionListener#NONE} for none)
     * @param transport the transport's name as the listener's events report it
     * @param remoteAddress the peer's address, or {@code null} when unknown
     */
    public void listener(ConnectionListener listener, String transport, SocketAddress remoteAddress) {
        observer.listener(Objects.requireNonNull(listener, "listener"), new ConnectionInfo(transport, role, remoteAddress));
        outbound.reportMessagesTo(observer.messageObserver());
    }

    // ---- input ------------------------------------------------------------------------------

    /**
     * Consumes bytes from the wire, from {@code in}'s position, advancing it. Stops early only
     * when the handler paused the connection; the transport offers the rest after
     * {@link WebSocket#resume}. In the server role frames are unmasked in place, so {@code in} is
     * rewritten (a read-only buffer is copied first).
     *
     * @param in the bytes read from the peer, from position to limit
     */
    public void receive(ByteBuffer in) {
        if (in.hasRemaining() && !paused) {
            // Any input proves the peer alive (RFC 6455 §5.5.2 keepalive).
            timers.inputArrived();
        }
        if (inputClosed) {
            in.position(in.limit());
            return;
        }
        if (awaitingDecision()) {
            // Nothing is read while the application decides (see isPaused).
            return;
        }
        if (in.isReadOnly() && role == Role.SERVER) {
            receiveCopyOf(in);
            return;
        }
        try {
            if (state != ConnectionState.CONNECTING || receiveHandshake(in)) {
                receiveFrames(in);
                if (state == ConnectionState.OPEN) {
                    timers.messageInProgress(inbound.midMessage());
                }
            }
        } catch (WebSocketException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new WebSocketException(ProtocolViolation.INTERNAL_ERROR, e.toString(), e));
        }
        if (inputClosed) {
            in.position(in.limit());
        }
    }

    private void receiveCopyOf(ByteBuffer readOnly) {
        ByteBuffer copy = ByteBuffer.allocate(readOnly.remaining()).put(readOnly.duplicate()).flip();
        receive(copy);
        readOnly.position(readOnly.position() + copy.position());
    }

    /**
     * Returns whether the connection is open and frames may follow in {@code in}. A server reads
     * request after request while it answers plain ones on a connection kept open (RFC 9112 §9.3).
     */
    private boolean receiveHandshake(ByteBuffer in) {
        while (handshake.receive(in, endpoint)) {
            if (handshake.awaitingDecision()) {
                return false;
            }
            if (!handshake.persists()) {
                return finishHandshake();
            }
            handshake.nextRequest();
            timers.awaitingRequest();
        }
        return false;
    }

    /**
     * Takes an opening request another HTTP stack already parsed (a server mounted behind an HTTP
     * codec, say) as if its bytes had arrived: the answer (the 101, or a rejection) is queued and
     * the connection opens or closes, exactly as {@link #receive} would have done.
     *
     * @param request the parsed opening request
     * @throws IllegalStateException unless this is a server connection still connecting
     */
    public void receiveUpgrade(HttpRequest request) {
        if (role != Role.SERVER || state != ConnectionState.CONNECTING) {
            throw new IllegalStateException("an opening request is for a server still connecting, not a " + role + " " + state);
        }
        Objects.requireNonNull(request, "request");
        handshakeStep(opening -> opening.receiveRequest(request, endpoint));
    }

    /**
     * Takes the request that opened an HTTP/2 stream, as its header fields (name/value pairs,
     * pseudo-header fields included, names lower-case): an extended CONNECT (RFC 8441 §4) is
     * answered as {@link #receiveUpgrade} answers an HTTP/1.1 upgrade, {@code 200} instead of
     * {@code 101}, and the stream's bytes are then frames; any other request gets the HTTP
     * handler's answer (or 404). The answer is queued as an {@code HttpResponse} for the HTTP/2
     * stack to frame (RFC 8441 §5: no {@code Sec-WebSocket-Accept}).
     *
     * @param fields the request's header fields as the stream's HEADERS carried them, in order
     * @throws IllegalStateException unless this is a server connection still connecting
     */
    public void receiveHttp2Request(List<Map.Entry<String, String>> fields) {
        if (role != Role.SERVER || state != ConnectionState.CONNECTING) {
            throw new IllegalStateException("an opening request is for a server still connecting, not a " + role + " " + state);
        }
        Objects.requireNonNull(fields, "fields");
        handshakeStep(opening -> opening.receiveHttp2Request(fields, endpoint));
    }

    /**
     * A client's answer on its HTTP/2 stream, as header fields (RFC 8441 §5): a 2xx with
     * acceptable negotiated fields opens the connection; any other status fails it with an
     * {@link dev.wskit.protocol.handshake.UpgradeRefusedException}.
     *
     * @param fields the answer's header fields, {@code :status} among them, in order
     * @param body a refusal's DATA up to its END_STREAM (at most
     *     {@link dev.wskit.protocol.handshake.UpgradeRefusedException#MAX_BODY_BYTES} of it), which
     *     the refusal's response carries; empty for a 2xx, whose DATA is frames
     * @throws IllegalStateException unless this is a client over HTTP/2 still connecting
     */
    public void receiveHttp2Response(List<Map.Entry<String, String>> fields, byte[] body) {
        if (role != Role.CLIENT || state != ConnectionState.CONNECTING || !handshake.isHttp2Client()) {
            throw new IllegalStateException("an HTTP/2 answer is for a client over HTTP/2 still connecting, not a "
                    + role + " " + state);
        }
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(body, "body");
        handshakeStep(opening -> opening.receiveHttp2Response(fields, body));
    }

    /**
     * A stage the transport must wait on, taken once: the application decides the upgrade later
     * ({@link UpgradeDecision#later}). The transport hands its outcome to {@link #upgradeDecided}
     * or {@link #upgradeDecisionFailed} on the engine's thread; meanwhile the engine reads nothing
     * ({@link #isPaused()}), and the handshake timeout answers {@code 503}.
     *
     * @return the stage the application's decision completes, or {@code null} when none is awaited
     *     or it was taken already
     */
    public CompletionStage<UpgradeDecision> takeAwaitedDecision() {
        return handshake == null ? null : handshake.takeAwaitedDecision();
    }

    /** Whether a server waits for the application's upgrade decision (never once open). */
    private boolean awaitingDecision() {
        return handshake != null && handshake.awaitingDecision();
    }

    /**
     * The decision a {@link #takeAwaitedDecision() stage} completed with; the answer is queued.
     *
     * @param decision the application's decision
     */
    public void upgradeDecided(UpgradeDecision decision) {
        if (!awaitingDecision() || state != ConnectionState.CONNECTING) {
            // The wait ended already (the handshake timed out, the peer left): too late.
            return;
        }
        handshakeStep(opening -> opening.decided(decision));
    }

    /** One step of a server's handshake outside {@link #receive}; the connection opens once answered. */
    private void handshakeStep(Consumer<OpeningHandshake> step) {
        try {
            step.accept(handshake);
            if (!handshake.awaitingDecision()) {
                finishHandshake();
            }
        } catch (WebSocketException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new WebSocketException(ProtocolViolation.INTERNAL_ERROR, e.toString(), e));
        }
    }

    /**
     * The {@link #takeAwaitedDecision() stage} failed: the request is answered {@code 500}.
     *
     * @param cause why the stage failed
     */
    public void upgradeDecisionFailed(Throwable cause) {
        if (awaitingDecision() && state == ConnectionState.CONNECTING) {
            fail(new WebSocketException(ProtocolViolation.UPGRADE_DECISION_FAILED, String.valueOf(cause), cause));
        }
    }

    /**
     * The opening handshake is done: the connection opens, or, when a server answered a plain HTTP
     * request instead, closes after the answer. Returns whether it opened.
     */
    private boolean finishHandshake() {
        if (!handshake.upgraded()) {
            closeAfterAnswers();
            if (handshake.rejectedStatus() != 0) {
                observer.handshakeRejected(handshake.rejectedStatus(), null);
            }
            return false;
        }
        UpgradeDecision accepted = handshake.takeAccepted();
        if (accepted != null) {
            handler = accepted.handler();
            attributes = accepted.attributes();
        }
        inbound = new InboundFrames(role, config, handler, outbound, memory, this, observer.messageObserver());
        if (readBufferRetainer != null) {
            inbound.retainReadBuffersWith(readBufferRetainer);
        }
        handshake.startCompression(inbound);
        state = ConnectionState.OPEN;
        opened = true;
        timers.opened();
        request = handshake.request();
        subprotocol = handshake.subprotocol();
        handshakeResponse = handshake.handshakeResponse();
        String extensions = handshake.extensions();
        handshake = null;
        observer.opened(subprotocol, extensions);
        handler.onOpen(endpoint);
        return true;
    }

    /** A server answered every request it will: nothing more is read, and TCP ends after the answers. */
    private void closeAfterAnswers() {
        enterClosed();
        inputClosed = true;
        endTransport(TransportEnd.GRACEFUL);
    }

    /**
     * The one way into CLOSED: nothing is compressed or inflated afterwards, and no message
     * completes, so zlib memory and a message's buffer go now.
     */
    private void enterClosed() {
        state = ConnectionState.CLOSED;
        outbound.releaseCompression();
        if (inbound != null) {
            inbound.releaseMemory();
        }
    }

    private void receiveFrames(ByteBuffer in) {
        int from = in.position();
        try {
            while (!paused && !inputClosed) {
                InboundFrames.Step step = inbound.next(in, endpoint);
                if (step == InboundFrames.Step.NEED_MORE) {
                    return;
                }
                if (step == InboundFrames.Step.CLOSE) {
                    receiveClose(inbound.close());
                }
            }
        } finally {
            observer.bytesIn += in.position() - from;
        }
    }

    /** RFC 6455 §5.5.1, §7.1.5: echo the code once, and close. */
    private void receiveClose(ClosePayload close) {
        inputClosed = true;
        if (!outbound.closeSent()) {
            outbound.queueClose(inbound.closeReply());
        }
        enterClosed();
        // RFC 6455 §7.1.1: the server closes TCP first; the client waits for it, at most the close
        // timeout (then wakeUp aborts).
        timers.closing();
        if (role == Role.SERVER) {
            endTransport(TransportEnd.GRACEFUL);
        }
        observer.initiated(CloseInitiator.REMOTE);
        observer.closing(close.code(), close.reason());
        handler.onClose(endpoint, close.code(), close.reason());
    }

    /**
     * The transport's input ended (EOF or reset). Without a prior closing handshake this is an
     * abnormal closure (RFC 6455 §7.1.5: code 1006).
     */
    public void transportClosed() {
        inputClosed = true;
        end = TransportEnd.ABORT;
        timers.stop();
        // Whatever was not written never will be; handed-over payloads are released.
        outbound.discard();
        memory.release(unwrittenHeld);
        unwrittenHeld = 0;
        if (state == ConnectionState.CLOSED) {
            observeClosed();
            return;
        }
        enterClosed();
        if (opened) {
            observer.initiated(CloseInitiator.ABORT);
            observer.closing(CloseCode.ABNORMAL_CLOSURE, "");
            observeClosed();
            try {
                handler.onClose(endpoint, CloseCode.ABNORMAL_CLOSURE, "");
            } catch (RuntimeException fromHandler) {
                // Nothing is left to fail; keep the application's exception where it can be read.
                failure = new WebSocketException(ProtocolViolation.INTERNAL_ERROR, fromHandler.toString(), fromHandler);
            }
        } else if (role == Role.CLIENT) {
            // A refusal without Content-Length ends at close (RFC 9112 §6.3): the body is complete.
            WebSocketException refused = handshake.refusalSoFar();
            failure = refused != null ? refused : new WebSocketException(ProtocolViolation.HANDSHAKE_INCOMPLETE);
            observer.handshakeRejected(statusOf(failure), failure.violation());
            notifyError(failure);
        }
    }

    /** The summary of an open connection, once its TCP is closed. */
    private void observeClosed() {
        if (opened) {
            observer.closed(inbound.messagesReceived(), outbound.messagesSent());
        }
    }

    // ---- time ------------------------------------------------------------------------------

    /**
     * When the engine next needs {@link #wakeUp()}, on the clock it was given, or
     * {@link Long#MAX_VALUE} for never. It may be called early: it then does nothing but say the
     * next deadline again, so a transport need only keep one timer per connection and move it
     * earlier when this answer does.
     *
     * @return the next deadline in the {@code nanoClock}'s nanoseconds, or {@link Long#MAX_VALUE}
     */
    public long nextWakeUp() {
        return end == TransportEnd.ABORT ? ConnectionTimers.NONE : timers.next();
    }

    /**
     * The transport's timer fired: the engine acts on every deadline that has passed. The opening
     * handshake timing out drops the connection without a word (a server sends no HTTP answer to
     * a peer that never finished asking), or, on a server idle between plain requests, closes it
     * gracefully; an idle peer is pinged (RFC 6455 §5.5.2; its pong measures the round trip), and dropped
     * (1006) if nothing arrives within another idle timeout; a message that did not complete
     * within the message timeout closes the connection with 1008; a close that was not completed within
     * the close timeout (RFC 6455 §7.1.1) drops the peer (1006), or, when only its TCP close was
     * awaited, resets the connection.
     */
    public void wakeUp() {
        for (ConnectionTimers.Due due; (due = timers.due()) != ConnectionTimers.Due.NOTHING; ) {
            switch (due) {
                case HANDSHAKE_TIMEOUT:
                    if (state == ConnectionState.CONNECTING && handshake.idleBetweenRequests()) {
                        // RFC 9112 §9.8: an idle kept-alive connection is closed, gracefully, as
                        // a reset could destroy the answer the client has not read yet.
                        closeAfterAnswers();
                    } else if (state == ConnectionState.CONNECTING) {
                        fail(handshakeTimedOut());
                    }
                    break;
                case KEEPALIVE_PING:
                    if (state == ConnectionState.OPEN) {
                        // Numbered, so its pong (RFC 6455 §5.5.3: the same payload) measures the round trip.
                        outbound.queueControl(Opcode.PING, roundTrips().nextPing());
                    }
                    break;
                case KEEPALIVE_TIMEOUT:
                    if (state == ConnectionState.OPEN) {
                        fail(new WebSocketException(ProtocolViolation.KEEPALIVE_TIMEOUT));
                    }
                    break;
                case MESSAGE_TIMEOUT:
                    if (state == ConnectionState.OPEN) {
                        fail(new WebSocketException(ProtocolViolation.MESSAGE_TIMEOUT));
                    }
                    break;
                case CLOSE_TIMEOUT:
                    if (state == ConnectionState.CLOSING) {
                        fail(new WebSocketException(ProtocolViolation.CLOSE_TIMEOUT));
                    } else {
                        end = TransportEnd.ABORT;
                    }
                    break;
                default:
                    throw new IllegalStateException(due.name());
            }
        }
    }

    /** A client that was reading a refusal's body fails with the refusal, as far as it came. */
    private WebSocketException handshakeTimedOut() {
        WebSocketException refused = handshake.refusalSoFar();
        if (refused != null) {
            return refused;
        }
        return new WebSocketException(handshake.awaitingDecision()
                ? ProtocolViolation.UPGRADE_DECISION_TIMEOUT
                : ProtocolViolation.HANDSHAKE_TIMEOUT);
    }

    /** Moves toward the end only: a graceful end may become an abort, never the reverse. */
    private void endTransport(TransportEnd decided) {
        if (decided.compareTo(end) > 0) {
            end = decided;
        }
        if (end == TransportEnd.GRACEFUL) {
            timers.closing();
        } else {
            timers.stop();
        }
    }

    // ---- failure ----------------------------------------------------------------------------

    /** The one place a broken rule is answered: close frame or HTTP status, events, TCP close. */
    private void fail(WebSocketException e) {
        if (state == ConnectionState.CLOSED) {
            endTransport(TransportEnd.GRACEFUL);
            return;
        }
        failure = e;
        inputClosed = true;
        ConnectionState was = state;
        enterClosed();
        if (was == ConnectionState.CONNECTING) {
            if (handshake.refuse(e.violation())) {
                endTransport(TransportEnd.GRACEFUL);
                observer.handshakeRejected(e.violation().httpStatus(), e.violation());
            } else {
                // A client's failed handshake, or a request that never completed: nothing to say.
                abort();
                observer.handshakeRejected(statusOf(e), e.violation());
            }
            notifyError(e);
            return;
        }
        int code = e.closeCode();
        // RFC 6455 §7.1.7: fail with a close frame, unless one was sent already (no second
        // close) or the peer is silent (1006: nothing would reach it). 1011 tells nothing more.
        if (code == CloseCode.ABNORMAL_CLOSURE) {
            abort();
        } else {
            endTransport(TransportEnd.GRACEFUL);
        }
        if (e.violation() == ProtocolViolation.MEMORY_BUDGET_EXCEEDED) {
            // What waited for the peer is what the budget wants back; the close frame goes first.
            outbound.discard();
        }
        String reason = "";
        if (code != CloseCode.ABNORMAL_CLOSURE && !outbound.closeSent()) {
            reason = code == CloseCode.INTERNAL_ERROR ? "" : e.violation().description();
            outbound.queueClose(ClosePayload.encode(code, reason));
        }
        observer.initiated(code == CloseCode.ABNORMAL_CLOSURE ? CloseInitiator.ABORT : CloseInitiator.LOCAL);
        observer.closing(code, reason);
        observer.violation(e.violation());
        notifyError(e);
        try {
            handler.onClose(endpoint, code, "");
        } catch (RuntimeException fromHandler) {
            e.addSuppressed(fromHandler);
        }
    }

    /**
     * The HTTP status a client's failed handshake came with: the server's own when it refused the
     * upgrade (RFC 6455 §4.1 item 1: any status but 101), else 0, as no answer came.
     */
    private static int statusOf(WebSocketException failure) {
        return failure instanceof UpgradeRefusedException refused ? refused.status() : 0;
    }

    /** A peer declared dead: nothing more is written to it, and what waited for it is freed now. */
    private void abort() {
        endTransport(TransportEnd.ABORT);
        outbound.discard();
    }

    private void notifyError(WebSocketException e) {
        try {
            handler.onError(endpoint, e);
        } catch (RuntimeException fromHandler) {
            // The connection is failing already; keep the application's own failure with it.
            e.addSuppressed(fromHandler);
        }
    }

    /**
     * Flow control, after every step: the transport reports the bytes it holds unwritten (its own
     * queue, the socket's buffer). With the engine's queue they decide three things. Past
     * {@link WebSocketConfig#maxOutboundBytes()} the peer is not reading and is dropped (1006: no
     * close frame could reach it). Past {@link WebSocketConfig#outboundHighWaterMark()} the
     * connection is not {@link #isWritable() writable} (the transport stops reading from the
     * peer); back at {@link WebSocketConfig#outboundLowWaterMark()} it is again, and the handler is
     * told {@link WebSocketHandler#onDrain}.
     *
     * @param transportUnwrittenBytes the bytes the transport holds unwritten beyond the engine's
     *     queue, at least 0
     * @return whether the connection was failed for it
     */
    public boolean checkOutboundBacklog(long transportUnwrittenBytes) {
        if (state == ConnectionState.CLOSED) {
            return false;
        }
        long unwritten = outbound.pendingBytes() + transportUnwrittenBytes;
        if (unwritten > config.maxOutboundBytes()) {
            observer.backpressure(Backpressure.DROPPED, unwritten);
            fail(new WebSocketException(ProtocolViolation.OUTBOUND_LIMIT_EXCEEDED,
                    unwritten + " bytes unwritten, limit " + config.maxOutboundBytes()));
            return true;
        }
        if (unwritten > config.outboundHighWaterMark()) {
            if (!aboveHighWaterMark) {
                observer.backpressure(Backpressure.PAUSED, unwritten);
            }
            aboveHighWaterMark = true;
        } else if (aboveHighWaterMark && unwritten <= config.outboundLowWaterMark()) {
            aboveHighWaterMark = false;
            observer.backpressure(Backpressure.DRAINED, unwritten);
            try {
                handler.onDrain(endpoint);
            } catch (RuntimeException fromHandler) {
                applicationFailed(fromHandler);
            }
        }
        return false;
    }

    /**
     * After a flush: the output still unwritten (the engine's queue and {@code
     * transportUnwrittenBytes}) is what the peer makes this connection hold, and is reserved of
     * the {@link #memoryAccount memory account} (given back as it drains). Refused, the
     * connection fails with {@code 1013} and its queue is freed. Inside a step, output waits for
     * the step's end to be written, and is bounded by {@link #checkOutboundBacklog} only.
     *
     * @param transportUnwrittenBytes the bytes the transport holds unwritten beyond the engine's
     *     queue, at least 0
     * @return whether the connection was failed for it
     */
    public boolean holdUnwritten(long transportUnwrittenBytes) {
        long unwritten = outbound.pendingBytes() + transportUnwrittenBytes;
        long more = unwritten - unwrittenHeld;
        if (more < 0) {
            memory.release(-more);
        } else if (more > 0 && !memory.reserve(more)) {
            fail(new WebSocketException(ProtocolViolation.MEMORY_BUDGET_EXCEEDED, unwritten + " bytes unwritten"));
            return true;
        }
        unwrittenHeld = unwritten;
        return false;
    }

    /**
     * The server's memory budget chose this connection to give memory back (it holds the most):
     * it fails with {@code 1013}, its message buffer and queued output freed. Nothing once closed.
     */
    public void shed() {
        if (state != ConnectionState.CLOSED) {
            fail(new WebSocketException(ProtocolViolation.MEMORY_BUDGET_EXCEEDED, "this connection held the most"));
        }
    }

    /**
     * Whether the unwritten bytes stay below the high-water mark (see
     * {@link #checkOutboundBacklog}).
     *
     * @return {@code true} while the connection is below the high-water mark, or back at the
     *     low-water mark
     */
    public boolean isWritable() {
        return !aboveHighWaterMark;
    }

    /**
     * The application broke a rule where no caller could be told (a send handed over from another
     * thread, found wrong when it ran): the connection fails with 1011, as when a handler throws.
     *
     * @param cause what the application did wrong; sent to {@link WebSocketHandler#onError} as the
     *     cause
     */
    public void applicationFailed(RuntimeException cause) {
        fail(new WebSocketException(ProtocolViolation.INTERNAL_ERROR, cause.toString(), cause));
    }

    /**
     * Why the connection failed, or {@code null}: for a transport to report a failed connect.
     *
     * @return the failure that ended the connection, or {@code null} when it has not failed
     */
    public WebSocketException failure() {
        return failure;
    }

    // ---- output -----------------------------------------------------------------------------

    /**
     * {@link WebSocket#transferBinary(ByteBuffer, boolean)} for memory that must be freed explicitly
     * (a transport's pooled buffer): {@code release} runs exactly once, when {@code data} is no
     * longer needed — at once if the send is refused or the payload copied, else by the transport
     * after writing it (see {@link #releaseOfPolled()}), or when the connection drops what it
     * never wrote.
     *
     * @param data the payload, from position to limit; owned by the connection from this call on
     * @param last {@code true} when this piece ends the message (the frame's FIN bit, RFC 6455
     *     §5.4)
     * @param release frees {@code data}; run exactly once
     * @return false, after running {@code release}, when the connection is closing or closed
     * @throws IllegalStateException before the open, or while another message is being sent in
     *                               pieces (after running {@code release})
     */
    public boolean transferBinary(ByteBuffer data, boolean last, PayloadRelease release) {
        return socket.transferBinary(data, last, release);
    }

    /**
     * Lets a message the application keeps ({@link KeptMessage#take}) be the buffer the transport
     * passed to {@link #receive}, retained by {@code retainer}, instead of a copy of it. Without
     * it, such a message is copied (one reassembled or inflated never is: it is the engine's own).
     *
     * @param retainer keeps a read buffer alive for as long as a kept message needs it
     */
    public void retainReadBuffersWith(ReadBufferRetainer retainer) {
        this.readBufferRetainer = Objects.requireNonNull(retainer, "retainer");
        if (inbound != null) {
            inbound.retainReadBuffersWith(retainer);
        }
    }

    /** See {@link MessageKeeper#keepMessage}. */
    KeptMessage keepMessage() {
        if (inbound == null) {
            throw new IllegalStateException("no message is delivered before the open");
        }
        return inbound.keepMessage();
    }

    /**
     * The next bytes to write, or {@code null} when none are queued; the caller owns the buffer.
     *
     * @return the bytes to write, from position to limit, or {@code null}
     */
    public ByteBuffer pollOutbound() {
        ByteBuffer out = outbound.poll();
        // Frames only: a client's request is polled while connecting, a server's answers are marked.
        if (out != null && state != ConnectionState.CONNECTING && outbound.answerOfPolled() == null) {
            observer.bytesOut += out.remaining();
        }
        return out;
    }

    /**
     * What the transport must run once the buffer {@link #pollOutbound()} returned last is written
     * or will never be: the release of a payload handed over with
     * {@link #transferBinary(ByteBuffer, boolean, PayloadRelease)}. Usually {@code null}.
     *
     * @return the release to run, or {@code null} when the buffer needs none
     */
    public PayloadRelease releaseOfPolled() {
        return outbound.releaseOfPolled();
    }

    /**
     * The response the buffer {@link #pollOutbound()} returned last encodes, when it is a server's
     * answer to a request (a 101, a refusal, the HTTP handler's answer): for a transport mounted on
     * an HTTP server whose own stack writes responses. Otherwise {@code null}.
     *
     * @return the response, or {@code null} when the buffer is not a server's answer to a request
     */
    public HttpResponse answerOfPolled() {
        return outbound.answerOfPolled();
    }

    /**
     * Whether bytes are queued for the wire.
     *
     * @return {@code true} when {@link #pollOutbound()} would return a buffer
     */
    public boolean hasOutbound() {
        return !outbound.isEmpty();
    }

    /**
     * How the transport ends TCP, once decided: {@link TransportEnd#GRACEFUL} after writing what
     * is queued, {@link TransportEnd#ABORT} at once, or {@link TransportEnd#NONE} while the
     * connection goes on. Only ever moves toward {@code ABORT}.
     *
     * @return how TCP is to end, never {@code null}
     */
    public TransportEnd transportEnd() {
        return end;
    }

    /**
     * Whether the handler paused reading ({@link WebSocket#pause()}), or a server awaits the
     * application's upgrade decision: the transport stops reading.
     *
     * @return {@code true} while the transport must not read from the peer
     */
    public boolean isPaused() {
        return paused || awaitingDecision();
    }

    // ---- the socket's calls -----------------------------------------------------------------

    /** RFC 6455 §7.1.2: starts the closing handshake; see {@link WebSocket#close(int, String)}. */
    void close(int code, String reason) {
        ByteBuffer payload = ClosePayload.encode(code, reason);
        if (state == ConnectionState.CONNECTING) {
            // Nothing to close on the wire yet (RFC 6455 §7.1.7): just drop the connection.
            enterClosed();
            inputClosed = true;
            abort();
            return;
        }
        if (outbound.closeSent() || state == ConnectionState.CLOSED) {
            return;
        }
        outbound.queueClose(payload);
        observer.initiated(CloseInitiator.LOCAL);
        state = ConnectionState.CLOSING;
        timers.closing();
    }

    /** Makes {@link #receive} stop after the current event, or go on again. */
    void paused(boolean paused) {
        this.paused = paused;
        timers.readingPaused(paused);
    }

    ConnectionState state() {
        return state;
    }

    String subprotocol() {
        return handshake != null ? handshake.subprotocol() : subprotocol;
    }

    HttpRequest request() {
        return handshake != null ? handshake.request() : request;
    }

    HttpResponse handshakeResponse() {
        return handshake != null ? handshake.handshakeResponse() : handshakeResponse;
    }

    /** This connection's round-trip meter, made with the first measuring ping. */
    RoundTripMeter roundTrips() {
        if (roundTrips == null) {
            roundTrips = new RoundTripMeter(nanoClock, observer);
        }
        return roundTrips;
    }

    /** A pong arrived: it measures the round trip if it answers the measuring ping awaited. */
    void pongReceived(ByteBuffer payload) {
        if (roundTrips != null) {
            roundTrips.pongReceived(payload);
        }
    }

    /** The last round trip measured, empty until a pong answered a measuring ping. */
    Optional<RoundTrip> roundTrip() {
        return roundTrips == null ? Optional.empty() : roundTrips.measured();
    }

    Map<String, Object> attributes() {
        return attributes;
    }
}
