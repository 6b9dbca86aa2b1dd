package dev.wskit.transport.core;

import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The I/O of a connection whose opening request an HTTP server the transport does not own has read
 * (a mount on the application's server). That server writes its own responses, so the engine's
 * answer goes out through it: a refusal as a whole response, after which the connection closes
 * (the client may not retry on it); a {@code 101} as the head of the connection the server then
 * hands over. What the connection does before that connection comes (a greeting from
 * {@code onOpen}, a pause of reading) waits, and is done on it then, in order; from then on it
 * does all the I/O.
 *
 * <p>A transport writes how its server answers, hands over and closes; everything here runs on the
 * connection's owner, as every {@link ConnectionIo} call does.
 */
public abstract class HandoverIo implements ConnectionIo {
    /** What the connection did before the handover, to be done on the handed-over connection. */
    private final List<Consumer<ConnectionIo>> waiting = new ArrayList<>();
    private long waitingBytes;
    /** The handed-over connection, doing all I/O once there; {@code null} until then. */
    private ConnectionIo handedOver;
    private boolean handingOver;
    /** The refusal being written, once the answer is one. */
    private CompletionStage<?> refused;

    /** The I/O of one connection, its answer not written yet. */
    protected HandoverIo() {
    }

    /**
     * The driver of this connection, told when the HTTP connection closes before the handover.
     *
     * @return the driver this I/O belongs to, the same one on every call
     */
    protected abstract ConnectionDriver driver();

    /**
     * Writes {@code refusal}, a complete answer, through the server's own response; completes once written.
     *
     * @param refusal the engine's answer when it is not a {@code 101}: a status of 400 or more with
     *     its headers and body (RFC 6455 §4.2.2), or the HTTP handler's answer to a plain request
     * @return completes, normally or not, once the response is written or could not be; the
     *     connection is closed after it
     */
    protected abstract CompletionStage<?> respond(HttpResponse refusal);

    /**
     * Writes the head of {@code accepted} (the {@code 101}) through the server's own response and
     * has the server hand the connection over; then calls {@link #handedOver}, on the owner.
     *
     * @param accepted the engine's {@code 101 Switching Protocols}, with the {@code Upgrade},
     *     {@code Connection} and {@code Sec-WebSocket-Accept} fields (RFC 6455 §4.2.2) and any
     *     negotiated subprotocol or extensions
     */
    protected abstract void handOver(HttpResponse accepted);

    /**
     * Closes the HTTP connection; completes once it is closed.
     *
     * @return completes, normally or not, once the connection is closed; the driver then hears
     *     that the transport closed
     */
    protected abstract CompletionStage<?> closeConnection();

    @Override
    public final void writeAnswer(HttpResponse answer, ByteBuffer encoded) {
        if (answer.status() != 101) {
            refused = respond(answer);
            return;
        }
        handingOver = true;
        handOver(answer);
    }

    /**
     * The server handed the connection over: {@code io} does what waited, then all I/O.
     *
     * @param io the I/O of the handed-over connection, carrying WebSocket frames from now on;
     *     called once, on the connection's owner
     */
    protected final void handedOver(ConnectionIo io) {
        handedOver = io;
        waiting.forEach(step -> step.accept(io));
        waiting.clear();
        waitingBytes = 0;
    }

    /** The HTTP connection closed: the driver hears of it until the handover, the handed-over connection after. */
    protected final void httpConnectionClosed() {
        if (handedOver == null) {
            driver().transportClosed();
        }
    }

    /** Done at once on the handed-over connection, or once it comes. */
    private void onHandedOver(Consumer<ConnectionIo> step) {
        if (handedOver != null) {
            step.accept(handedOver);
        } else {
            waiting.add(step);
        }
    }

    @Override
    public final void write(ByteBuffer bytes, PayloadRelease release) {
        if (handedOver == null) {
            waitingBytes += bytes.remaining();
        }
        onHandedOver(io -> io.write(bytes, release));
    }

    /** The server's own stack flushes what it writes, and the handed-over connection its own. */
    @Override
    public final void flush() {
    }

    @Override
    public final long unwrittenBytes() {
        return handedOver != null ? handedOver.unwrittenBytes() : waitingBytes;
    }

    @Override
    public final void reading(boolean on) {
        onHandedOver(io -> io.reading(on));
    }

    /** After a refusal, the connection closes once it is written. */
    @Override
    public final void endGracefully() {
        if (handedOver == null && refused != null) {
            refused.whenComplete((written, failure) -> closeAndReport());
        } else {
            onHandedOver(ConnectionIo::endGracefully);
        }
    }

    @Override
    public final void abort() {
        if (handedOver == null && !handingOver) {
            closeAndReport();
        } else {
            onHandedOver(ConnectionIo::abort);
        }
    }

    private void closeAndReport() {
        closeConnection().whenComplete((closed, failure) -> driver().transportClosed());
    }
}
