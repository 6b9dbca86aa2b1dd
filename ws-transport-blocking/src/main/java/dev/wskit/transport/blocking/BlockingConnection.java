package dev.wskit.transport.blocking;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketConnection;
import dev.wskit.protocol.WebSocketException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One WebSocket connection on a socket: a reader thread feeds the engine, and a lock lets any
 * thread drive it (RFC 6455 itself is the engine's business; this class only moves bytes).
 *
 * <p>Threading: whoever holds the lock may call the engine; the outermost holder then writes what
 * the engine queued, so frames leave in the order they were queued and never interleave. Writes
 * block (that is the backpressure), each flush at most for the write timeout: a watchdog on the
 * shared timer closes the socket under a write that long stuck, since nothing else unblocks it.
 * Timers never take the lock themselves; they hand the engine call to a connection thread.
 *
 * <p>Buffers: the read buffer belongs to the reader thread; the engine unmasks in it in place and
 * handlers see views of it only during their callback. Buffers from the engine's queue are ours
 * once polled and are dropped after the write.
 */
final class BlockingConnection implements Runnable {
    /**
     * The read buffer is held while the reader waits in read(), so an idle connection keeps it. It
     * starts with room for the opening handshake of most clients: a connection that stays idle
     * after it holds no more. It doubles after each read that fills it (traffic) up to the maximum,
     * and after a small read that leaves nothing kept returns to the minimum: not below it, since
     * a buffer that shrank whenever a few small messages came alone would keep regrowing under load
     * and cut every batch short.
     */
    private static final int FIRST_READ_BUFFER_BYTES = 512;
    private static final int MIN_READ_BUFFER_BYTES = 2 * 1024;
    private static final int MAX_READ_BUFFER_BYTES = 64 * 1024;

    // Work that timers and stop() hand to a connection thread, as bits, so a connection has at most
    // one such task in flight whatever fires meanwhile.
    private static final int HANDSHAKE_TIMEOUT = 1;
    private static final int IDLE_TIMEOUT = 1 << 1;
    private static final int CLOSE_TIMEOUT = 1 << 2;
    private static final int CLOSE_REQUESTED = 1 << 3;

    private final Socket socket;
    private final WebSocketConnection engine;
    private final ConnectionResources resources;
    private final WebSocketConfig config;
    private final LockedWebSocket facade;
    private final ReentrantLock lock = new ReentrantLock();
    /** How many connection locks this thread holds: above zero, it runs some handler's callback. */
    private static final ThreadLocal<int[]> LOCKS_HELD = ThreadLocal.withInitial(() -> new int[1]);
    /** Sends from other connections' callbacks, waiting for this lock (see send). */
    private final ConcurrentLinkedQueue<HandedOff> handedOff = new ConcurrentLinkedQueue<>();
    private final AtomicLong handedOffBytes = new AtomicLong();

    private record HandedOff(Consumer<WebSocketConnection> action, long bytes) {
    }
    /** Signalled when a paused connection is resumed, so the reader offers the kept bytes. */
    private final Condition resumed = lock.newCondition();
    private final AtomicInteger requested = new AtomicInteger();
    private final CompletableFuture<WebSocket> opened = new CompletableFuture<>();
    private volatile int requestedCode;
    private volatile String requestedReason;

    // Guarded by lock.
    private OutboundWriter writer;
    private long lastInputNanos;
    private boolean outputShut;
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> idleTimer;
    private ScheduledFuture<?> closeTimer;

    BlockingConnection(Socket socket, WebSocketConnection engine, ConnectionResources resources) {
        this.socket = socket;
        this.engine = engine;
        this.resources = resources;
        this.config = resources.config();
        this.facade = new LockedWebSocket(this, engine);
        engine.endpoint(facade);
    }

    // ---- the reader thread --------------------------------------------------------------------

    @Override
    public void run() {
        try {
            readUntilEnd(begin());
        } catch (IOException endOfConnection) {
            // A reset, a socket we closed, a failed TLS handshake: all end the connection alike,
            // and end() tells the engine (1006 unless the closing handshake completed).
        } finally {
            end();
        }
    }

    private InputStream begin() throws IOException {
        acquire();
        try {
            writer = new OutboundWriter(socket.getOutputStream());
            lastInputNanos = System.nanoTime();
            handshakeTimer = schedule(HANDSHAKE_TIMEOUT, config.handshakeTimeout());
            idleTimer = schedule(IDLE_TIMEOUT, config.idleTimeout());
            // A client's opening request is queued already.
            afterEngineCall();
        } finally {
            release();
        }
        return socket.getInputStream();
    }

    private void readUntilEnd(InputStream in) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(FIRST_READ_BUFFER_BYTES);
        while (true) {
            int room = buffer.remaining();
            int n = in.read(buffer.array(), buffer.position(), room);
            if (n < 0) {
                return;
            }
            buffer.position(buffer.position() + n).flip();
            acquire();
            try {
                lastInputNanos = System.nanoTime();
                engine.receive(buffer);
                afterEngineCall();
                awaitResumeAndOfferKeptBytes(buffer);
            } finally {
                release();
            }
            buffer = resized(buffer.compact(), n == room, n);
        }
    }

    /** See {@link #FIRST_READ_BUFFER_BYTES}: {@code buffer} is in write mode, holding what was kept. */
    private static ByteBuffer resized(ByteBuffer buffer, boolean filled, int lastRead) {
        if (filled && buffer.capacity() < MAX_READ_BUFFER_BYTES) {
            return ByteBuffer.allocate(buffer.capacity() * 2).put(buffer.flip());
        }
        if (lastRead < MIN_READ_BUFFER_BYTES && buffer.position() == 0 && buffer.capacity() > MIN_READ_BUFFER_BYTES) {
            return ByteBuffer.allocate(MIN_READ_BUFFER_BYTES);
        }
        return buffer;
    }

    /**
     * With the lock held: while the handler keeps the connection paused, the reader reads no more
     * (TCP backpressure reaches the peer); on resume the bytes the engine left are offered first.
     */
    private void awaitResumeAndOfferKeptBytes(ByteBuffer kept) throws InterruptedIOException {
        while (engine.isPaused() && !socket.isClosed()) {
            try {
                // Bounded, so a socket closed by a timer or stop is noticed without a signal.
                resumed.await(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while paused");
            }
            if (!engine.isPaused() && kept.hasRemaining()) {
                engine.receive(kept);
                afterEngineCall();
            }
        }
    }

    /** Any thread: lets a paused connection go on. */
    void resume() {
        acquire();
        try {
            engine.resume();
            resumed.signalAll();
        } finally {
            release();
        }
    }

    /** The input ended, or the socket was closed under us: tell the engine, release everything. */
    private void end() {
        acquire();
        try {
            engine.transportClosed();
            outputShut = true;
            closeQuietly();
            settleHandshake();
            cancel(handshakeTimer);
            cancel(idleTimer);
            cancel(closeTimer);
        } finally {
            release();
        }
        resources.group().remove(this);
    }

    // ---- any thread, through the facade --------------------------------------------------------

    void enter() {
        acquire();
    }

    void leave() {
        release();
    }

    void leaveAndWrite() {
        try {
            afterEngineCall();
        } finally {
            release();
        }
    }

    /**
     * A send through the facade. Inside a handler callback of another connection (its lock held by
     * this thread) it never waits for this lock: two callbacks sending to each other's connections
     * would deadlock, and a slow peer here would stall the other connection's reader. The send is
     * handed to whoever holds this lock, or run at once if nobody does. Elsewhere the caller waits
     * for the lock and returns once the frame is written. {@code bytes} bounds the hand-off queue.
     */
    void send(Consumer<WebSocketConnection> action, long bytes) {
        if (willHandOff()) {
            handOff(action, bytes);
            return;
        }
        acquire();
        try {
            action.accept(engine);
        } finally {
            leaveAndWrite();
        }
    }

    /** Whether a send from this thread now would be handed off: its data must then outlive the call. */
    boolean willHandOff() {
        return !lock.isHeldByCurrentThread() && LOCKS_HELD.get()[0] > 0;
    }

    private void handOff(Consumer<WebSocketConnection> action, long bytes) {
        // WebSocketConfig#maxOutboundBytes bounds what waits here too: past it the peer is dropped.
        if (handedOffBytes.addAndGet(bytes) + engine.pendingOutboundBytes() > config.maxOutboundBytes()) {
            abortSocket();
            return;
        }
        handedOff.add(new HandedOff(action, bytes));
        if (lock.tryLock()) {
            LOCKS_HELD.get()[0]++;
            release();
        }
    }

    /** Runs the sends handed off to this connection; with the lock held once. */
    private void runHandedOff() {
        for (HandedOff send; (send = handedOff.poll()) != null; ) {
            handedOffBytes.addAndGet(-send.bytes());
            try {
                send.action().accept(engine);
            } catch (IllegalStateException closedMeanwhile) {
                // The connection closed after the send was handed off: it is dropped, as a send
                // racing a close is on every transport.
            }
        }
        afterEngineCall();
    }

    private void acquire() {
        lock.lock();
        LOCKS_HELD.get()[0]++;
    }

    /**
     * Unlocks; the outermost holder first runs the sends handed off meanwhile, and takes the lock
     * back if more arrived as it let go (a sender that found it held left them to us).
     */
    private void release() {
        boolean outermost = lock.getHoldCount() == 1;
        try {
            if (outermost && !handedOff.isEmpty()) {
                runHandedOff();
            }
        } finally {
            LOCKS_HELD.get()[0]--;
            lock.unlock();
        }
        if (outermost && !handedOff.isEmpty() && lock.tryLock()) {
            LOCKS_HELD.get()[0]++;
            release();
        }
    }

    /**
     * After every engine call, with the lock held: bound the queue, write it, close when told. Inside
     * a handler callback (the lock held twice) only the bound is checked: the reader writes all the
     * callback queued as soon as {@code receive} returns, gathered into as few writes as fit.
     */
    private void afterEngineCall() {
        // WebSocketConfig#maxOutboundBytes: a handler that queues faster than the peer reads must not
        // grow the heap without bound; the engine drops the connection (writes block, so nothing
        // else is held unwritten here).
        if (engine.checkOutboundBacklog(0)) {
            outputShut = true;
            abortSocket();
            return;
        }
        if (lock.getHoldCount() > 1) {
            return;
        }
        if (engine.hasOutbound() && !outputShut) {
            write();
        }
        if (engine.shouldCloseTransport() && !outputShut) {
            shutOutput();
        }
        ConnectionState state = engine.state();
        if (state != ConnectionState.CONNECTING) {
            // Dropped, not only cancelled: an open connection would hold the spent task for its life.
            cancel(handshakeTimer);
            handshakeTimer = null;
            settleHandshake();
        }
        // RFC 6455 §7.1.1: a close frame is out or in; the peer gets closeTimeout to finish.
        if ((state == ConnectionState.CLOSING || state == ConnectionState.CLOSED) && closeTimer == null) {
            closeTimer = schedule(CLOSE_TIMEOUT, config.closeTimeout());
        }
    }

    private void write() {
        ScheduledFuture<?> watchdog = resources.timer().schedule(this::abortSocket, resources.writeTimeout());
        try {
            writer.writeQueued(engine);
        } catch (IOException e) {
            abort();
        } finally {
            cancel(watchdog);
        }
    }

    /**
     * Half-closes: FIN after the last byte queued, then the reader reads on (the engine discards the
     * input) until the peer's EOF, at most closeTimeout. Closing outright with input still unread
     * would make the kernel reset the connection, which may destroy the close frame or HTTP error
     * just sent before the peer reads it (RFC 6455 §7.1.1: the server closes TCP first).
     */
    private void shutOutput() {
        outputShut = true;
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            abortSocket();
        }
    }

    /** With the lock held: the connection is dropped without a closing handshake (1006 for the handler). */
    private void abort() {
        engine.transportClosed();
        outputShut = true;
        abortSocket();
    }

    /**
     * Any thread, no lock: closes the socket at once, which unblocks a reader or writer stuck in it.
     * SO_LINGER 0 makes it a reset rather than waiting on unsent bytes; over TLS it also keeps
     * {@code SSLSocket.close()} from waiting for a writer blocked on a peer that does not read (it
     * waits SO_LINGER seconds for the record lock, forever when SO_LINGER is off).
     */
    void abortSocket() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException alreadyClosed) {
            // Nothing to linger on.
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            // The socket is unusable either way; the engine has been told or will be by end().
        }
    }

    // ---- timers and stop -------------------------------------------------------------------------

    private ScheduledFuture<?> schedule(int action, Duration delay) {
        return resources.timer().schedule(() -> request(action), delay);
    }

    /** Starts the closing handshake from any thread without waiting for the lock (server stop). */
    void requestClose(int code, String reason) {
        requestedCode = code;
        requestedReason = reason;
        request(CLOSE_REQUESTED);
    }

    /**
     * Hands {@code action} to a connection thread: the caller (the timer thread, stop) must not wait
     * for a lock a blocked writer may hold, nor write itself.
     */
    private void request(int action) {
        if (requested.getAndAccumulate(action, (pending, added) -> pending | added) == 0) {
            try {
                resources.threads().execute(this::runRequested);
            } catch (RejectedExecutionException noThreadLeft) {
                abortSocket();
            }
        }
    }

    private void runRequested() {
        acquire();
        try {
            int actions = requested.getAndSet(0);
            if ((actions & HANDSHAKE_TIMEOUT) != 0) {
                engine.handshakeTimedOut();
            }
            if ((actions & IDLE_TIMEOUT) != 0) {
                idleTimedOut();
            }
            if ((actions & CLOSE_REQUESTED) != 0) {
                engine.close(requestedCode, requestedReason);
            }
            if ((actions & CLOSE_TIMEOUT) != 0) {
                engine.closeTimedOut();
            }
            afterEngineCall();
            if ((actions & CLOSE_TIMEOUT) != 0) {
                // The peer had its time to answer our close or our FIN; stop reading it.
                abortSocket();
            }
        } finally {
            release();
        }
    }

    /**
     * The idle timer re-arms lazily: rather than moving a timer on every read, it fires and checks
     * how long the input has really been quiet.
     */
    private void idleTimedOut() {
        long idle = config.idleTimeout().toNanos();
        long quiet = System.nanoTime() - lastInputNanos;
        if (quiet < idle) {
            idleTimer = schedule(IDLE_TIMEOUT, Duration.ofNanos(idle - quiet));
            return;
        }
        engine.idleTimedOut();
        if (engine.state() == ConnectionState.OPEN) {
            idleTimer = schedule(IDLE_TIMEOUT, config.idleTimeout());
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    // ---- the client's opening handshake ------------------------------------------------------

    private void settleHandshake() {
        if (opened.isDone() || engine.state() == ConnectionState.CONNECTING) {
            return;
        }
        WebSocketException failure = engine.failure();
        if (failure != null && failure.violation().isHandshake()) {
            opened.completeExceptionally(failure);
        } else {
            opened.complete(facade);
        }
    }

    /**
     * Waits for the opening handshake (bounded by the handshake timeout).
     *
     * @throws WebSocketException the engine's reason when the handshake failed
     * @throws InterruptedIOException when interrupted; the connection is dropped
     */
    WebSocket awaitOpen() throws InterruptedIOException {
        try {
            return opened.get();
        } catch (ExecutionException e) {
            abortSocket();
            throw (WebSocketException) e.getCause();
        } catch (InterruptedException e) {
            abortSocket();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during the opening handshake");
        }
    }
}
