package dev.wskit.transport.core;

import dev.wskit.protocol.proxy.ProxyConnectException;
import dev.wskit.protocol.proxy.ProxyTunnel;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
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

    /**
     * The {@code CONNECT} request, to write first.
     *
     * @return a new buffer holding the request
     */
    public ByteBuffer request() {
        return tunnel.request();
    }

    /**
     * The connect's deadline, at which the transport's timer calls {@link #timedOut()}.
     *
     * @return the deadline, shared with the rest of the connect
     */
    public ConnectDeadline deadline() {
        return deadline;
    }

    /**
     * Runs {@code action} once settled (at once if it is), on the thread of the event that settled
     * it: with {@code null} when the tunnel is open, else with why the connect fails.
     *
     * @param action told of the outcome: {@code null} for an open tunnel, else the failure
     */
    public void whenSettled(Consumer<Throwable> action) {
        outcome.whenComplete((open, failure) -> action.accept(failure));
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
