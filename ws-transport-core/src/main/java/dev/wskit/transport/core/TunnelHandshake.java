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

    /** The exchange of {@code tunnel}, bounded by what is left of {@code deadline}. */
    public TunnelHandshake(ProxyTunnel tunnel, ConnectDeadline deadline) {
        this.tunnel = tunnel;
        this.deadline = deadline;
    }

    /** The {@code CONNECT} request, to write first. */
    public ByteBuffer request() {
        return tunnel.request();
    }

    /** The connect's deadline, at which the transport's timer calls {@link #timedOut()}. */
    public ConnectDeadline deadline() {
        return deadline;
    }

    /**
     * Runs {@code action} once settled (at once if it is), on the thread of the event that settled
     * it: with {@code null} when the tunnel is open, else with why the connect fails.
     */
    public void whenSettled(Consumer<Throwable> action) {
        outcome.whenComplete((open, failure) -> action.accept(failure));
    }

    /** Bytes of the proxy's answer. */
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

    /** The socket failed. */
    public void failed(Throwable cause) {
        outcome.completeExceptionally(cause);
    }

    /** The connect timeout ended. */
    public void timedOut() {
        outcome.completeExceptionally(tunnel.timedOut(deadline.timeout()));
    }
}
