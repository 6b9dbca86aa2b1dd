package dev.wskit.transport.core;

import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.http.HttpResponse;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * What a transport does for one connection: the I/O, and nothing else. {@link ConnectionDriver}
 * decides everything about the connection's life and calls these; a new transport implements
 * this interface and feeds the driver the bytes it reads.
 *
 * <p>Threading: each connection has one owner at a time (an event loop, a Vert.x context, the
 * holder of a lock). Every method here except {@link #isOwner()}, {@link #runsLaterFromHere()} and
 * {@link #runAsOwner} is called by the owner.
 */
public interface ConnectionIo {

    /**
     * Whether the calling thread owns the connection now, so it may drive the engine directly.
     *
     * @return {@code true} on the owner's thread (the event loop) or under the lock it holds
     */
    boolean isOwner();

    /**
     * Whether a task given to {@link #runAsOwner} from the calling thread runs after that call
     * returns, so any data it reads must be copied first. By default whenever the caller is not
     * the owner: a transport that queues every task to its owner (an event loop, a context).
     *
     * @return {@code true} when tasks from this thread run later
     */
    default boolean runsLaterFromHere() {
        return !isOwner();
    }

    /**
     * Runs {@code task} as the owner: queued on the event loop or context, or at once under the
     * connection's lock. Tasks from one thread run in the order given. When the connection is gone
     * (its event loop shut down, say) the task may never run.
     *
     * @param task what to run as the owner
     */
    void runAsOwner(Runnable task);

    /**
     * Queues bytes for the wire, in order, without necessarily writing them yet. {@code release}, if
     * not {@code null}, runs once the bytes are written or will never be.
     *
     * @param bytes the bytes, from position to limit; the transport owns them now
     * @param release frees the bytes, or {@code null}
     */
    void write(ByteBuffer bytes, PayloadRelease release);

    /**
     * Queues a server's answer to a request (the 101, a refusal, the HTTP handler's answer), which
     * {@code encoded} holds as it goes on the wire: as {@link #write} does, unless the transport is
     * mounted on an HTTP server whose own stack must write its responses.
     *
     * @param answer the response, for a transport whose HTTP stack writes it itself
     * @param encoded the response as bytes, ready to write
     */
    default void writeAnswer(HttpResponse answer, ByteBuffer encoded) {
        write(encoded, null);
    }

    /** Writes what {@link #write} queued; a blocking transport returns once it is on the socket. */
    void flush();

    /**
     * Bytes written to the transport and not yet on the wire (its own queue, or the channel's).
     *
     * @return the bytes, at least 0
     */
    long unwrittenBytes();

    /**
     * Reads from the peer, or stops reading (TCP backpressure reaches the peer).
     *
     * @param on {@code true} to read, {@code false} to stop
     */
    void reading(boolean on);

    /**
     * Ends TCP gracefully: everything written goes first, then a FIN; the transport reads on,
     * discarding, until the peer's EOF, and then closes and reports it with
     * {@link ConnectionDriver#transportClosed()}. The driver bounds the wait.
     */
    void endGracefully();

    /**
     * Ends TCP at once: what is queued is dropped and the connection reset (SO_LINGER 0), so a dead
     * peer holds nothing of ours. The transport reports the close with
     * {@link ConnectionDriver#transportClosed()}.
     */
    void abort();

    /**
     * The transport's name, as a {@link dev.wskit.protocol.ConnectionListener} hears it
     * ({@code blocking}, {@code netty}, {@code vertx}); any thread. Defaults to this class's name.
     *
     * @return the name, as {@code netty}; by default the class's simple name
     */
    default String transportName() {
        return getClass().getSimpleName();
    }

    /**
     * Keeps the memory of {@code buffer}, which this transport passed to
     * {@link ConnectionDriver#receive} in the call under way, alive and unchanged until the
     * returned release runs, so the application can keep a message lying in it without a copy
     * ({@link dev.wskit.protocol.engine.KeptMessage}). On the owner, during that call.
     *
     * @param buffer the buffer passed to {@code receive}
     * @return what frees it again, run exactly once; or {@code null} (the default) when the
     *     transport reuses its read buffers, so such a message is copied instead
     */
    default PayloadRelease retainRead(ByteBuffer buffer) {
        return null;
    }

    /**
     * The peer's address; any thread.
     *
     * @return the address, or {@code null} when unknown
     */
    SocketAddress remoteAddress();

    /**
     * Our end's address; any thread.
     *
     * @return the address, or {@code null} when unknown
     */
    SocketAddress localAddress();

    /**
     * The TLS session once TLS is up, empty on plain TCP; any thread.
     *
     * @return the session, or empty
     */
    Optional<SSLSession> tlsSession();

    /**
     * Runs {@code task} as the owner after {@code delayNanos}, unless cancelled first.
     *
     * @param delayNanos the delay in nanoseconds, at least 0
     * @param task what to run as the owner once the delay has passed (a deadline of the engine)
     * @return the scheduled task, to cancel it
     */
    Scheduled schedule(long delayNanos, Runnable task);

    /** A task {@link #schedule} set. */
    interface Scheduled {
        /** Keeps the task from running, if it has not run yet. */
        void cancel();
    }
}
