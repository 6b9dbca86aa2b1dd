package dev.wskit.transport.blocking;

import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.transport.core.ConnectionDriver;
import dev.wskit.transport.core.ConnectionGroup;
import dev.wskit.transport.core.ConnectionIo;
import dev.wskit.transport.core.OutboundWriter;
import dev.wskit.transport.core.OwnerLock;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One WebSocket connection on a socket: a reader thread feeds the shared {@link ConnectionDriver},
 * and whoever holds the connection's lock owns it. This class only moves bytes; the driver decides
 * the connection's life (timers, how TCP ends, when to stop reading).
 *
 * <p>Threading: the holder of the connection's {@link OwnerLock} is the owner. Timers never take
 * the lock on the timer thread; they hand their work to a connection thread.
 *
 * <p>Writes happen outside the lock, so a peer that does not read never keeps the engine from its
 * decisions (a keepalive timeout, a close from another thread, a stop): the thread whose call
 * queued bytes while no write was under way writes them after it lets go of the lock, and goes on
 * with whatever others queued meanwhile; they return at once. That thread blocks while the peer
 * does not read (the reader thread so reads no more: that is the backpressure), each batch at most
 * for the write timeout: a watchdog on the shared timer resets the socket under a write that long
 * stuck.
 *
 * <p>Buffers: the read buffer belongs to the reader thread; the engine unmasks in it in place and
 * handlers see views of it only during their callback.
 */
final class BlockingConnection implements Runnable, ConnectionIo, ConnectionGroup.Member {
    /**
     * The read buffer is held while the reader waits in read(), so an idle connection keeps it. It
     * starts with room for the opening handshake of most clients: a connection that stays idle
     * after it holds no more. It doubles after each read that fills it (traffic) up to the maximum,
     * and after a small read returns to the minimum: not below it, since a buffer that shrank
     * whenever a few small messages came alone would keep regrowing under load.
     */
    private static final int FIRST_READ_BUFFER_BYTES = 512;
    private static final int MIN_READ_BUFFER_BYTES = 2 * 1024;
    private static final int MAX_READ_BUFFER_BYTES = 64 * 1024;

    private final Socket socket;
    private final ConnectionResources resources;
    private final ConnectionDriver driver;
    private final OwnerLock owner = new OwnerLock(this::writeIfChosen);
    /** Signalled when reading may go on (see {@link #reading(boolean)}). */
    private final Condition mayRead = owner.newCondition();

    // Guarded by lock.
    private OutboundWriter writer;
    private boolean readingOn = true;
    private boolean outputShut;
    /** FIN once everything queued is written (a graceful end while a write is under way). */
    private boolean finAfterWrites;
    /** The thread that writes what is queued, outside the lock; null while nobody writes. */
    private Thread writerThread;
    /** A connection thread was asked to write (see {@link #flush}). */
    private boolean writeHandedOn;
    /** Bytes of the batch being written outside the lock. */
    private volatile long writingBytes;

    BlockingConnection(Socket socket, ConnectionResources resources, Function<ConnectionIo, ConnectionDriver> drivers) {
        this.socket = socket;
        this.resources = resources;
        this.driver = drivers.apply(this);
    }

    // ---- the reader thread --------------------------------------------------------------------

    @Override
    public void run() {
        try {
            readUntilEnd(begin());
        } catch (IOException endOfConnection) {
            // A reset, a socket we closed, a failed TLS handshake: all end the connection alike,
            // and end() tells the driver (1006 unless the closing handshake completed).
        } finally {
            end();
        }
    }

    private InputStream begin() throws IOException {
        owner.acquire();
        try {
            writer = new OutboundWriter(socket.getOutputStream());
            driver.start();
        } finally {
            owner.release();
        }
        return socket.getInputStream();
    }

    private void readUntilEnd(InputStream in) throws IOException {
        byte[] buffer = new byte[FIRST_READ_BUFFER_BYTES];
        while (true) {
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                return;
            }
            owner.acquire();
            try {
                // Whatever the engine leaves unread the driver keeps: the buffer is free again after.
                driver.receive(ByteBuffer.wrap(buffer, 0, n));
            } finally {
                // Writes what the input queued (echoes, the close answer) before reading more.
                owner.release();
            }
            owner.acquire();
            try {
                awaitReading();
            } finally {
                owner.release();
            }
            if (n == buffer.length) {
                // More is likely waiting: let the other connections run first. Virtual threads are
                // not preempted, so on a busy carrier a connection that always has bytes to read
                // would otherwise keep it for as long as its peer keeps sending.
                Thread.yield();
            }
            buffer = resized(buffer, n);
        }
    }

    /** See {@link #FIRST_READ_BUFFER_BYTES}. */
    private static byte[] resized(byte[] buffer, int lastRead) {
        if (lastRead == buffer.length && buffer.length < MAX_READ_BUFFER_BYTES) {
            return new byte[buffer.length * 2];
        }
        if (lastRead < MIN_READ_BUFFER_BYTES && buffer.length > MIN_READ_BUFFER_BYTES) {
            return new byte[MIN_READ_BUFFER_BYTES];
        }
        return buffer;
    }

    /** With the lock held: while reading is off, the reader reads no more (TCP backpressure). */
    private void awaitReading() throws InterruptedIOException {
        while (!readingOn && !socket.isClosed()) {
            try {
                // Bounded, so a socket closed by a timer or stop is noticed without a signal.
                mayRead.await(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading is paused");
            }
        }
    }

    /** The input ended, or the socket was closed under us: the driver is told, everything released. */
    private void end() {
        owner.acquire();
        try {
            outputShut = true;
            closeQuietly();
            driver.transportClosed();
            if (writer != null) {
                writer.discard();
            }
        } finally {
            owner.release();
        }
        resources.group().remove(this);
    }

    // ---- from the server and client -------------------------------------------------------------

    /** Starts the closing handshake from any thread without waiting for the lock (server stop). */
    @Override
    public void goingAway(String reason) {
        onConnectionThread(() -> driver.goingAway(reason));
    }

    /**
     * Waits for the opening handshake (bounded by the handshake timeout).
     *
     * @throws WebSocketException the engine's reason when the handshake failed
     * @throws InterruptedIOException when interrupted; the connection is dropped
     */
    WebSocket awaitOpen() throws InterruptedIOException {
        try {
            return driver.opened().get();
        } catch (ExecutionException e) {
            // The engine decided how this connection ends (a 1011 close after onOpen threw, say).
            throw (WebSocketException) e.getCause();
        } catch (InterruptedException e) {
            drop();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during the opening handshake");
        }
    }

    /**
     * Any thread, no lock: closes the socket at once, which unblocks a reader or writer stuck in it.
     * SO_LINGER 0 makes it a reset rather than waiting on unsent bytes; over TLS it also keeps
     * {@code SSLSocket.close()} from waiting for a writer blocked on a peer that does not read (it
     * waits SO_LINGER seconds for the record lock, forever when SO_LINGER is off).
     */
    @Override
    public void drop() {
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
            // The socket is unusable either way; the driver has been told or will be by end().
        }
    }

    // ---- ConnectionIo ----------------------------------------------------------------------------

    @Override
    public boolean isOwner() {
        return owner.isHeldByCurrentThread();
    }

    @Override
    public boolean runsLaterFromHere() {
        return owner.runsLaterFromHere();
    }

    @Override
    public void runAsOwner(Runnable task) {
        owner.runAsOwner(task);
    }

    @Override
    public void write(ByteBuffer bytes, PayloadRelease release) {
        writer.add(bytes, release);
    }

    /**
     * With the lock held: this thread writes once it lets go of the lock, unless another already
     * does. A thread inside another connection's callback does not: a peer here that does not read
     * would stall that connection too; a connection thread writes instead.
     */
    @Override
    public void flush() {
        if (outputShut) {
            writer.discard();
        } else if (writer.hasPending() && writerThread == null && !writeHandedOn) {
            if (OwnerLock.heldByThisThread() == 1) {
                writerThread = Thread.currentThread();
            } else {
                writeHandedOn = true;
                onConnectionThread(() -> runAsOwner(() -> {
                    writeHandedOn = false;
                    flush();
                }));
            }
        }
    }

    /** After the lock is let go: writes when this is the thread {@link #flush} chose. */
    private void writeIfChosen() {
        if (writerThread == Thread.currentThread()) {
            writeOutsideTheLock();
        }
    }

    /**
     * Writes batch after batch of what is queued, then the FIN of a graceful end, and tells the
     * driver after each batch, as flow control may have changed. Calls handed off meanwhile run
     * between batches; one that queues more keeps this thread the writer.
     */
    private void writeOutsideTheLock() {
        while (true) {
            OutboundWriter.Batch batch;
            owner.acquire();
            try {
                batch = outputShut ? null : writer.takeBatch();
                if (batch == null) {
                    writerThread = null;
                    if (finAfterWrites && !outputShut) {
                        shutOutput();
                    }
                } else {
                    writingBytes = batch.bytes();
                }
            } finally {
                owner.letGo();
            }
            if (batch == null) {
                if (writerThread != Thread.currentThread()) {
                    return;
                }
                continue;
            }
            writeBatch(batch);
            owner.acquire();
            try {
                writingBytes = 0;
                driver.outputProgressed();
            } finally {
                owner.letGo();
            }
        }
    }

    private void writeBatch(OutboundWriter.Batch batch) {
        ScheduledFuture<?> watchdog = resources.timer().schedule(this::drop, resources.writeTimeout());
        try {
            writer.writeBatch(batch);
        } catch (IOException e) {
            drop();
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    @Override
    public long unwrittenBytes() {
        return (writer == null ? 0 : writer.pendingBytes()) + writingBytes;
    }

    @Override
    public void reading(boolean on) {
        readingOn = on;
        if (on) {
            mayRead.signalAll();
        }
    }

    /** The FIN follows the last queued byte: now, or once the thread writing has written it all. */
    @Override
    public void endGracefully() {
        if (writerThread == null && !writeHandedOn && !writer.hasPending()) {
            shutOutput();
        } else {
            finAfterWrites = true;
        }
    }

    private void shutOutput() {
        outputShut = true;
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            drop();
        }
    }

    @Override
    public void abort() {
        outputShut = true;
        writer.discard();
        drop();
    }

    @Override
    public String transportName() {
        return "blocking";
    }

    @Override
    public SocketAddress remoteAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return socket.getLocalSocketAddress();
    }

    /** The session as the TLS handshake left it; on an accepted socket the reader thread starts that handshake. */
    @Override
    public Optional<SSLSession> tlsSession() {
        return socket instanceof SSLSocket tls ? Optional.of(tls.getSession()) : Optional.empty();
    }

    @Override
    public Scheduled schedule(long delayNanos, Runnable task) {
        // At least a nanosecond: the shared timer takes zero for "off".
        ScheduledFuture<?> timer = resources.timer().schedule(
                () -> onConnectionThread(() -> runAsOwner(task)), Duration.ofNanos(Math.max(1, delayNanos)));
        return () -> {
            if (timer != null) {
                timer.cancel(false);
            }
        };
    }

    /** Work from the timer thread or a stopping server: never waits for the lock there. */
    private void onConnectionThread(Runnable work) {
        try {
            resources.threads().execute(work);
        } catch (RejectedExecutionException noThreadLeft) {
            drop();
        }
    }
}
