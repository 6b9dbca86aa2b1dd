package dev.wskit.transport.core;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.TransportEnd;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.engine.ReadBufferRetainer;
import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Drives one engine over one {@link ConnectionIo}, the same way on every transport: read bytes go
 * to the engine, what it queues is written, and its decisions are obeyed — when to wake it
 * ({@link WebSocketEngine#nextWakeUp()}), how TCP ends ({@link TransportEnd}), when to stop
 * reading (paused, or past the outbound high-water mark). A transport only moves bytes and calls
 * this class; it decides nothing about the connection's life.
 *
 * <p>Threading: every method runs on the connection's owner ({@link ConnectionIo#isOwner()});
 * {@link WebSocketFacade} moves calls from other threads there.
 *
 * <p>Input: bytes the engine leaves unread (a frame header cut by the read, or a paused handler)
 * are copied and kept here, and offered first with the next input or on resume, so the transport's
 * read buffer is free again when {@link #receive} returns.
 */
public final class ConnectionDriver implements ConnectionGroup.Member, ReadBufferRetainer {
    private static final LongSupplier NANO_CLOCK = System::nanoTime;
    /** What {@link #resume} offers the engine: only the input kept here. */
    private static final ByteBuffer NO_INPUT = ByteBuffer.allocate(0).asReadOnlyBuffer();
    /** Before a decider's decision, nobody of the application's hears the connection. */
    private static final WebSocketHandler NOBODY = new WebSocketHandler() { };

    private final LongSupplier clock;
    private final long maxOutboundBytes;
    private final WebSocketEngine engine;
    private final ConnectionIo io;
    private final WebSocketFacade facade;
    private final CompletableFuture<WebSocket> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    /** The first error the transport reported of its socket, or {@code null}. */
    private Throwable transportError;
    /** A server's place among its open connections, or {@code null} when nothing counts them. */
    private final ConnectionLimits.Slot slot;
    /** Unread input, in read mode; {@code null} when there is none. */
    private ByteBuffer held;
    /** The buffer the transport passed to {@link #receive} while that call is under way; else {@code null}. */
    private ByteBuffer receiving;
    /** Above zero inside an engine step, where handler callbacks run: writes wait for its end. */
    private int depth;
    private boolean reading = true;
    private boolean endingGracefully;
    private boolean aborted;
    private boolean transportClosed;
    private ConnectionIo.Scheduled wakeUp;
    private long wakeUpAt;
    /** Where the engine reserves what the peer makes it hold; {@code null}: no budget. */
    private MemoryBudget.Account memory;
    /** Who hears this connection's life, told the transport and the peer at {@link #start}. */
    private ConnectionListener listener = ConnectionListener.NONE;
    /** What records this connection's course, or {@link WireTap#NONE}. */
    private final WireTap tap;
    /** The engine's socket as the application's calls reach it (through {@link #tap}). */
    private final WebSocket applicationSocket;

    private ConnectionDriver(ConnectionIo io, Function<ConnectionDriver, ? extends WebSocketFacade> facades,
                             EngineFactory engines, LongSupplier clock, WebSocketConfig config, ConnectionLimits.Slot slot,
                             WireTap tap) {
        this.io = io;
        this.slot = slot;
        this.tap = tap;
        this.maxOutboundBytes = config.maxOutboundBytes();
        this.clock = tap.clock(clock);
        this.facade = facades.apply(this);
        this.engine = engines.create(tap.config(config),
                application -> new LifecycleHandler(tap.handler(application), facade, opened), tap, this.clock);
        this.applicationSocket = tap.socket(engine.socket());
        engine.endpoint(facade);
        engine.retainReadBuffersWith(this);
    }

    /**
     * How the engine of a connection is made, given its configuration, what wraps each application
     * handler it calls (see {@link LifecycleHandler}), what watches it, and the clock.
     */
    interface EngineFactory {
        WebSocketEngine create(WebSocketConfig config, UnaryOperator<WebSocketHandler> lifecycle, WireTap tap,
                               LongSupplier clock);
    }

    /**
     * A server's engine that accepts every upgrade {@code admitting} lets through with
     * {@code handler}, which also hears a failed handshake.
     */
    private static EngineFactory accepting(WebSocketHandler handler, UnaryOperator<UpgradeDecider> admitting) {
        return (config, lifecycle, tap, clock) -> {
            WebSocketHandler wrapped = lifecycle.apply(handler);
            return WebSocketEngine.server(config, tap.decider(admitting.apply(request -> UpgradeDecision.accept(wrapped))),
                    wrapped, clock);
        };
    }

    /** A server's engine whose upgrades {@code decider} decides, once {@code admitting} lets them through. */
    private static EngineFactory deciding(UpgradeDecider decider, UnaryOperator<UpgradeDecider> admitting) {
        return (config, lifecycle, tap, clock) -> WebSocketEngine.server(config,
                tap.decider(admitting.apply(request -> withLifecycle(decider.decide(request), lifecycle))),
                lifecycle.apply(NOBODY), clock);
    }

    /**
     * A server connection on a TCP connection just accepted: its opening-handshake clock starts
     * now.
     *
     * @param config the connection settings
     * @param handler the application's handler, accepting every valid upgrade
     * @param io the TCP connection's I/O
     * @param facades makes the socket the application holds from the driver
     * @return the driver, not yet started
     */
    public static ConnectionDriver server(WebSocketConfig config, WebSocketHandler handler, ConnectionIo io,
                                          Function<ConnectionDriver, ? extends WebSocketFacade> facades) {
        return server(config, handler, io, facades, NANO_CLOCK);
    }

    /** For tests of the lifecycle: a clock that moves only when the test moves it. */
    static ConnectionDriver server(WebSocketConfig config, WebSocketHandler handler, ConnectionIo io,
                                   Function<ConnectionDriver, ? extends WebSocketFacade> facades, LongSupplier clock) {
        return new ConnectionDriver(io, facades, accepting(handler, UnaryOperator.identity()), clock, config, null,
                WireTap.NONE);
    }

    /**
     * A server connection as above that holds {@code slot} while its transport is up (over a
     * limit, its upgrade is refused instead of accepted with {@code handler}), watched by {@code tap}.
     */
    static ConnectionDriver server(WebSocketConfig config, WebSocketHandler handler, ConnectionLimits.Slot slot,
                                   WireTap tap, ConnectionIo io, Function<ConnectionDriver, ? extends WebSocketFacade> facades) {
        return new ConnectionDriver(io, facades, accepting(handler, slot::admitting), NANO_CLOCK, config, slot, tap);
    }

    /** A connection a wire trace's replay drives, with its own clock and the recorded answers. */
    static ConnectionDriver replaying(WebSocketConfig config, WebSocketHandler handler, WireTap tap, ConnectionIo io,
                                      LongSupplier clock) {
        return new ConnectionDriver(io, WebSocketFacade::new, accepting(handler, UnaryOperator.identity()), clock,
                config, null, tap);
    }

    /**
     * A server connection on a TCP connection just accepted, with the transport-neutral facade.
     *
     * @param config the connection settings
     * @param handler the application's handler, accepting every valid upgrade
     * @param io the TCP connection's I/O
     * @return the driver, not yet started
     */
    public static ConnectionDriver server(WebSocketConfig config, WebSocketHandler handler, ConnectionIo io) {
        return server(config, handler, io, WebSocketFacade::new);
    }

    /**
     * A server connection whose upgrade {@code decider} decides, with the handler of its choice: a
     * decision that comes later is waited for here, off the owner, and handed back to it.
     *
     * @param config the connection settings
     * @param decider decides each valid upgrade request (RFC 6455 §4.2.2)
     * @param io the TCP connection's I/O
     * @param facades makes the socket the application holds from the driver
     * @return the driver, not yet started
     */
    public static ConnectionDriver server(WebSocketConfig config, UpgradeDecider decider, ConnectionIo io,
                                          Function<ConnectionDriver, ? extends WebSocketFacade> facades) {
        return server(config, decider, io, facades, NANO_CLOCK);
    }

    /**
     * A server connection whose upgrade {@code decider} decides, with the transport-neutral facade.
     *
     * @param config the connection settings
     * @param decider decides each valid upgrade request (RFC 6455 §4.2.2)
     * @param io the TCP connection's I/O
     * @return the driver, not yet started
     */
    public static ConnectionDriver server(WebSocketConfig config, UpgradeDecider decider, ConnectionIo io) {
        return server(config, decider, io, WebSocketFacade::new);
    }

    /** For tests of the lifecycle: a clock that moves only when the test moves it. */
    static ConnectionDriver server(WebSocketConfig config, UpgradeDecider decider, ConnectionIo io,
                                   Function<ConnectionDriver, ? extends WebSocketFacade> facades, LongSupplier clock) {
        return new ConnectionDriver(io, facades, deciding(decider, UnaryOperator.identity()), clock, config, null,
                WireTap.NONE);
    }

    /**
     * A server connection as above that holds {@code slot} while its transport is up (over a
     * limit, its upgrade is refused and {@code decider} never asked), watched by {@code tap}.
     */
    static ConnectionDriver server(WebSocketConfig config, UpgradeDecider decider, ConnectionLimits.Slot slot,
                                   WireTap tap, ConnectionIo io, Function<ConnectionDriver, ? extends WebSocketFacade> facades) {
        return new ConnectionDriver(io, facades, deciding(decider, slot::admitting), NANO_CLOCK, config, slot, tap);
    }

    /** {@code decision} with its handler, now or when it comes, wrapped by {@code lifecycle}. */
    private static UpgradeDecision withLifecycle(UpgradeDecision decision, UnaryOperator<WebSocketHandler> lifecycle) {
        if (decision != null && decision.isAccepted()) {
            return decision.withHandler(lifecycle.apply(decision.handler()));
        }
        if (decision != null && decision.isLater()) {
            return UpgradeDecision.later(decision.stage().thenApply(later -> withLifecycle(later, lifecycle)));
        }
        return decision;
    }

    /**
     * A client connection on a TCP connection just made: its opening request is queued already.
     *
     * @param handshake the opening request (RFC 6455 §4.1)
     * @param config the connection settings
     * @param handler the application's handler
     * @param io the TCP connection's I/O
     * @param facades makes the socket the application holds from the driver
     * @return the driver, not yet started
     */
    public static ConnectionDriver client(ClientHandshake handshake, WebSocketConfig config, WebSocketHandler handler,
                                          ConnectionIo io, Function<ConnectionDriver, ? extends WebSocketFacade> facades) {
        return new ConnectionDriver(io, facades,
                (engineConfig, lifecycle, tap, time) -> WebSocketEngine.client(handshake, engineConfig,
                        lifecycle.apply(handler), time),
                NANO_CLOCK, config, null, WireTap.NONE);
    }

    /**
     * A client connection on a TCP connection just made, with the transport-neutral facade.
     *
     * @param handshake the opening request (RFC 6455 §4.1)
     * @param config the connection settings
     * @param handler the application's handler
     * @param io the TCP connection's I/O
     * @return the driver, not yet started
     */
    public static ConnectionDriver client(ClientHandshake handshake, WebSocketConfig config, WebSocketHandler handler,
                                          ConnectionIo io) {
        return client(handshake, config, handler, io, WebSocketFacade::new);
    }

    /**
     * Draws this connection's buffers from {@code budget}, which may shed it (close {@code 1013})
     * when memory runs short; before {@link #start}.
     *
     * @param budget the server's memory budget
     * @return this driver
     */
    public ConnectionDriver drawingOn(MemoryBudget budget) {
        memory = budget.open(() -> io.runAsOwner(this::shed));
        engine.memoryAccount(tap.account(memory));
        return this;
    }

    /**
     * Tells {@code listener} this connection's life (see {@link ConnectionListener}), named by the
     * transport's name and the peer's address; before {@link #start}.
     *
     * @param listener the listener; not {@code null}
     * @return this driver
     */
    public ConnectionDriver observedBy(ConnectionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * The {@code WebSocket} the handler and the application hold.
     *
     * @return the socket, never {@code null}
     */
    public WebSocketFacade socket() {
        return facade;
    }

    /**
     * Completes with the socket once the opening handshake succeeded and {@code onOpen} returned;
     * completes exceptionally with the engine's {@link WebSocketException} when it failed (or
     * {@code onOpen} threw).
     *
     * @return the future of the open socket
     */
    public CompletableFuture<WebSocket> opened() {
        return opened;
    }

    WebSocketEngine engine() {
        return engine;
    }

    /** The engine's socket, for the application's calls. */
    WebSocket applicationSocket() {
        return applicationSocket;
    }

    ConnectionIo io() {
        return io;
    }

    // ---- the transport's calls, on the owner -------------------------------------------------

    /**
     * The TCP connection is up: a server's connection takes its place among the open ones (or is
     * over a limit, and its upgrade will be refused), the listener learns the peer, a client's
     * request is written, and the first deadline is armed. Here rather than when the driver is
     * made, as only now does every transport know the peer's address.
     */
    public void start() {
        tap.started(io);
        if (slot != null) {
            slot.take(io.remoteAddress());
        }
        if (listener != ConnectionListener.NONE) {
            engine.listener(listener, io.transportName(), io.remoteAddress());
        }
        afterStep();
    }

    /**
     * Bytes read from the peer; all of {@code in} is consumed (what the engine leaves is kept
     * here).
     *
     * @param in the bytes, from position to limit
     */
    public void receive(ByteBuffer in) {
        if (transportClosed) {
            in.position(in.limit());
            return;
        }
        tap.received(in);
        receiving = in;
        try {
            step(in);
        } finally {
            receiving = null;
        }
    }

    /**
     * The engine keeps a message the application took over: only in the transport's own buffer,
     * as the transport allows ({@link ConnectionIo#retainRead}); never in what this driver held
     * back from an earlier read, which it reuses.
     *
     * @param buffer the buffer the message lies in
     * @return what frees it, or {@code null} when it cannot be kept (the engine copies the message)
     */
    @Override
    public PayloadRelease retain(ByteBuffer buffer) {
        return buffer == receiving ? io.retainRead(buffer) : null;
    }

    /** Offers the engine {@code in} after what it left unread before. */
    private void step(ByteBuffer in) {
        ByteBuffer input = in;
        if (held != null) {
            held = append(held, in);
            input = held;
        }
        depth++;
        try {
            engine.receive(input);
        } finally {
            depth--;
        }
        keepUnread(input);
        afterStep();
    }

    /**
     * An opening request another HTTP stack parsed (a mount on an HTTP pipeline).
     *
     * @param request the parsed opening request
     */
    public void receiveUpgrade(HttpRequest request) {
        depth++;
        try {
            engine.receiveUpgrade(request);
        } finally {
            depth--;
        }
        afterStep();
    }

    /**
     * The request that opened an HTTP/2 stream, as its header fields (RFC 8441): the stream is
     * this connection, and the HTTP/2 stack frames the answer ({@link ConnectionIo#writeAnswer}).
     *
     * @param fields the HEADERS of the request, in order, as name/value pairs with the names in
     *     lower case and the pseudo-header fields ({@code :method}, {@code :protocol},
     *     {@code :scheme}, {@code :path}, {@code :authority}) included; an extended CONNECT with
     *     {@code :protocol} {@code websocket} (RFC 8441 §4) opens a WebSocket
     * @throws IllegalStateException unless this is a server connection still connecting
     */
    public void receiveHttp2Request(List<Map.Entry<String, String>> fields) {
        depth++;
        try {
            engine.receiveHttp2Request(fields);
        } finally {
            depth--;
        }
        afterStep();
    }

    /**
     * A client's answer on its HTTP/2 stream, as header fields (RFC 8441 §5).
     *
     * @param fields the HEADERS of the answer, in order, as name/value pairs with the names in
     *     lower case and the {@code :status} pseudo-header field included; a 2xx status opens the
     *     WebSocket, any other is a refusal
     * @param body a refusal's DATA up to its END_STREAM, at most
     *     {@link dev.wskit.protocol.handshake.UpgradeRefusedException#MAX_BODY_BYTES} of it; empty
     *     for a 2xx
     */
    public void receiveHttp2Response(List<Map.Entry<String, String>> fields, byte[] body) {
        depth++;
        try {
            engine.receiveHttp2Response(fields, body);
        } finally {
            depth--;
        }
        afterStep();
    }

    /**
     * The socket reported an error (a reset, a TLS alert); its end follows, told by
     * {@link #transportClosed()}. The first one is kept, to go with the engine's verdict when the
     * connect fails ({@link ClientConnect}).
     *
     * @param error what the socket reported
     */
    public void transportFailed(Throwable error) {
        if (transportError == null) {
            transportError = error;
        }
    }

    Throwable transportError() {
        return transportError;
    }

    /** The TCP connection ended (EOF, reset, or closed by us): a 1006 unless the close completed. */
    public void transportClosed() {
        if (transportClosed) {
            return;
        }
        transportClosed = true;
        tap.closed();
        if (slot != null) {
            // Before the handler's onClose: a client it tells to come back finds the place free.
            slot.release();
        }
        held = null;
        cancelWakeUp();
        depth++;
        try {
            engine.transportClosed();
        } finally {
            depth--;
        }
        if (memory != null) {
            memory.close();
        }
        facade.publish();
        if (!opened.isDone()) {
            WebSocketException failure = engine.failure();
            opened.completeExceptionally(failure != null ? failure : new WebSocketException(ProtocolViolation.HANDSHAKE_INCOMPLETE));
        }
        tap.ended();
        ended.complete(null);
    }

    /**
     * Completes once the transport has closed and the handler has had {@code onClose}, on the
     * owner.
     *
     * @return the future of the connection's end
     */
    public CompletionStage<Void> ended() {
        return ended;
    }

    /** The server or client stopped waiting for the closing handshake: the connection ends at once (a reset). Any thread. */
    @Override
    public void drop() {
        io.runAsOwner(io::abort);
    }

    /**
     * The server or client is shutting down: the closing handshake starts with 1001 (RFC 6455
     * §7.4.1); a connection still opening is dropped. Any thread: it is the socket's own
     * {@code close}, so every send another thread saw taken is written before it.
     *
     * @param reason the close reason, at most 123 UTF-8 bytes (RFC 6455 §5.5.1)
     */
    @Override
    public void goingAway(String reason) {
        facade.closeAfterHandedOverSends(CloseCode.GOING_AWAY, reason);
    }

    /** The transport wrote some of what it held (or its writability changed): flow control may change. */
    public void outputProgressed() {
        tap.progressed();
        afterStep();
    }

    // ---- the facade's calls, on the owner -----------------------------------------------------

    void pause() {
        applicationSocket.pause();
        afterStep();
    }

    void resume() {
        applicationSocket.resume();
        // Inside a callback the engine's own loop goes on with the input it holds.
        if (depth == 0 && held != null && !transportClosed) {
            step(NO_INPUT);
        } else {
            afterStep();
        }
    }

    /**
     * After every input, send and wake-up: write what the engine queued, then obey it. Inside a
     * step only the outbound bound is checked, so one callback cannot queue without limit; the
     * step's end writes it all at once.
     */
    void afterStep() {
        if (transportClosed) {
            facade.publish();
            return;
        }
        if (depth > 0) {
            engine.checkOutboundBacklog(unwrittenBytes());
            if (engine.transportEnd() == TransportEnd.ABORT) {
                end();
            }
            return;
        }
        do {
            writeQueued();
            end();
            if (aborted) {
                facade.publish();
                return;
            }
            io.flush();
            // Checked after the flush, as a blocking transport has written everything by then. It
            // may tell the handler onDrain, and what that sends goes out in the next round.
            checkOutboundBacklog();
        } while (engine.hasOutbound() && !aborted);
        end();
        if (!aborted) {
            updateReading();
            scheduleWakeUp();
            awaitDecision();
        }
        facade.publish();
    }

    /**
     * A decision that comes later: waited for off the owner (never blocking it), then handed back
     * to it; the engine reads nothing meanwhile and bounds the wait by the handshake timeout.
     */
    private void awaitDecision() {
        CompletionStage<UpgradeDecision> awaited = engine.takeAwaitedDecision();
        if (awaited != null) {
            awaited.whenComplete((decision, failure) -> io.runAsOwner(() -> decided(decision, failure)));
        }
    }

    void decided(UpgradeDecision decision, Throwable failure) {
        if (transportClosed) {
            return;
        }
        tap.decided(decision, failure);
        depth++;
        try {
            if (failure != null) {
                engine.upgradeDecisionFailed(failure);
            } else {
                engine.upgradeDecided(decision);
            }
        } finally {
            depth--;
        }
        // Whatever arrived during the wait (frames right after the request, say) is read now.
        if (held != null) {
            step(NO_INPUT);
        } else {
            afterStep();
        }
    }

    /** After a flush: what is still unwritten is bounded, and held of the memory budget. */
    private void checkOutboundBacklog() {
        depth++;
        try {
            long unwritten = unwrittenBytes();
            if (!engine.checkOutboundBacklog(unwritten)) {
                engine.holdUnwritten(unwritten);
            }
        } finally {
            depth--;
        }
    }

    /** The memory budget chose this connection to give way. */
    void shed() {
        if (transportClosed) {
            return;
        }
        tap.shed();
        depth++;
        try {
            engine.shed();
        } finally {
            depth--;
        }
        afterStep();
    }

    /** What the connection holds beyond the engine's queue: the transport's, and sends not yet handed over. */
    long unwrittenBytes() {
        return tap.unwritten(unwrittenBytesNow());
    }

    /**
     * {@link #unwrittenBytes()} as the application reads it: only the lifecycle's own reads decide
     * the connection's course, so only they are what a wire trace records.
     */
    long unwrittenBytesNow() {
        return io.unwrittenBytes() + facade.handedOverBytes();
    }

    /** A send handed over from another thread was found wrong when it ran: the connection fails with 1011. */
    void applicationFailed(RuntimeException misuse) {
        tap.applicationFailed(misuse);
        engine.applicationFailed(misuse);
    }

    /** {@link WebSocketEngine#transferBinary}, as the application's call. */
    boolean transferBinary(ByteBuffer data, boolean last, PayloadRelease release) {
        tap.transferring(data, last);
        return engine.transferBinary(data, last, release);
    }

    long maxOutboundBytes() {
        return maxOutboundBytes;
    }

    private void writeQueued() {
        for (ByteBuffer out; (out = engine.pollOutbound()) != null; ) {
            tap.written(out);
            HttpResponse answer = engine.answerOfPolled();
            if (answer != null) {
                io.writeAnswer(answer, out);
            } else {
                io.write(out, engine.releaseOfPolled());
            }
        }
    }

    /** Obeys the engine's {@link TransportEnd}, once per decision. */
    private void end() {
        TransportEnd end = engine.transportEnd();
        if (end == TransportEnd.ABORT && !aborted) {
            aborted = true;
            cancelWakeUp();
            io.abort();
        } else if (end == TransportEnd.GRACEFUL && !endingGracefully) {
            endingGracefully = true;
            io.flush();
            io.endGracefully();
        }
    }

    /** Reading stops while the handler paused or the peer does not take what we write; ending, it goes on to the EOF. */
    private void updateReading() {
        boolean wanted = endingGracefully || (!engine.isPaused() && engine.isWritable());
        if (wanted != reading) {
            reading = wanted;
            io.reading(wanted);
        }
    }

    /** One timer per connection, moved only earlier: one that fires early just asks again. */
    private void scheduleWakeUp() {
        long next = engine.nextWakeUp();
        if (next == Long.MAX_VALUE) {
            cancelWakeUp();
            return;
        }
        if (wakeUp != null && wakeUpAt - next <= 0) {
            return;
        }
        cancelWakeUp();
        wakeUpAt = next;
        wakeUp = io.schedule(Math.max(0, next - clock.getAsLong()), this::wakeUp);
    }

    void wakeUp() {
        wakeUp = null;
        if (transportClosed) {
            return;
        }
        tap.wokeUp();
        depth++;
        try {
            engine.wakeUp();
        } finally {
            depth--;
        }
        afterStep();
    }

    private void cancelWakeUp() {
        if (wakeUp != null) {
            wakeUp.cancel();
            wakeUp = null;
        }
    }

    // ---- unread input -------------------------------------------------------------------------

    private void keepUnread(ByteBuffer input) {
        if (input == held) {
            if (!held.hasRemaining()) {
                held = null;
            }
        } else if (input.hasRemaining()) {
            held = ByteBuffer.allocate(Math.max(64, input.remaining())).put(input).flip();
        }
    }

    private static ByteBuffer append(ByteBuffer held, ByteBuffer in) {
        if (!in.hasRemaining()) {
            return held;
        }
        ByteBuffer joined = held.capacity() - held.remaining() >= in.remaining()
                ? held.compact()
                : ByteBuffer.allocate(held.remaining() + in.remaining()).put(held);
        return joined.put(in).flip();
    }
}
