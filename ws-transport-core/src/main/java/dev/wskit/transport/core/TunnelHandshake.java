package dev.wskit.transport.core;

import dev.wskit.protocol.proxy.ProxyConnectException;
import dev.wskit.protocol.proxy.ProxyTunnel;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A proxy's {@code CONNECT} exchange (a {@link ProxyTunnel}) for a transport that is told of its
 * socket's events as they come: the answer's bytes, a close, an error, and its timer at the end of
 * the connect timeout. It settles once, on the first of them that decides: the tunnel opens, or
 * the connect fails with that event's error; what comes after is ignored. A transport that reads
 * in a blocking loop runs the {@link ProxyTunnel} itself.
 */
public final class TunnelHandshake {
    private final ProxyTunnel tunnel;
    private final ConnectDeadline deadline;
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();

    /**
     * The exchange of {@code tunnel}, bounded by what is left of {@code deadline}.
     *
     * @param tunnel the {@code CONNECT} exchange
     * @param deadline the connect's deadline
     */
    public TunnelHandshake(ProxyTunnel tunnel, ConnectDeadline deadline) {
        this.tunnel = tunnel;
        this.deadline = deadline;
    }

    /** Runs a task once, later, on the thread of the socket's events; as {@link ConnectionIo#schedule}. */
    @FunctionalInterface
    public interface Timer {
        /**
         * Runs {@code task} once, {@code delayNanos} from now.
         *
         * @param delayNanos the wait, at least 1
         * @param task the task
         * @return cancels the task
         */
        ConnectionIo.Scheduled schedule(long delayNanos, Runnable task);
    }

    /**
     * Starts the exchange: writes the {@code CONNECT} request, and arms {@code timer} at the
     * connect's deadline (then {@link #timedOut()}), disarmed once settled. The transport then
     * passes on the socket's events.
     *
     * @param write writes the request, given in a new buffer, to the proxy
     * @param timer the socket's timer
     * @return completes once the tunnel is open, or fails with why the connect fails; on the thread
     *     of the event that settled it
     */
    public CompletionStage<Void> start(Consumer<ByteBuffer> write, Timer timer) {
        ConnectionIo.Scheduled timeout = timer.schedule(deadline.nanosLeft(), this::timedOut);
        outcome.whenComplete((open, failure) -> timeout.cancel());
        write.accept(tunnel.request());
        return outcome.minimalCompletionStage();
    }

    /**
     * Bytes of the proxy's answer.
     *
     * @param answer the bytes read from the proxy, from position to limit
     */
    public void received(ByteBuffer answer) {
        if (outcome.isDone()) {
            return;
        }
        try {
            if (tunnel.receive(answer)) {
                outcome.complete(null);
            }
        } catch (ProxyConnectException refused) {
            outcome.completeExceptionally(refused);
        }
    }

    /** The proxy closed the connection. */
    public void closed() {
        outcome.completeExceptionally(tunnel.closedEarly());
    }

    /**
     * The socket failed.
     *
     * @param cause why the socket failed
     */
    public void failed(Throwable cause) {
        outcome.completeExceptionally(cause);
    }

    /** The connect timeout ended. */
    public void timedOut() {
        outcome.completeExceptionally(tunnel.timedOut(deadline.timeout()));
    }
}
