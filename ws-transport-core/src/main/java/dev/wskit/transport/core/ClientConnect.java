package dev.wskit.transport.core;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.WebSocketUri;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One connect of a client whose socket's steps complete later (on an event loop), in the order
 * every wskit client takes them: TCP to the proxy or the server; through a proxy, its
 * {@code CONNECT} exchange (RFC 9110 §9.3.6); for {@code wss}, TLS with the server's host for SNI
 * and the certificate check (RFC 6455 §4.1 item 5); then the opening handshake (RFC 6455 §4.1).
 * Each step starts once the one before it succeeded; the first three share the connect deadline.
 * A step before the opening handshake that fails ends the connect with its own error and closes
 * the socket; the opening handshake's failure is the engine's verdict, and the engine ends the
 * connection itself. A transport writes the steps for its socket; their order and what a failure
 * does are decided here, once.
 *
 * <p>With a {@link ConnectionGroup}, the socket counts among the client's connections from TCP
 * until the connection has ended, as this connect: the group's {@code 1001} reaches the connection
 * once it has started, and closes the socket before that; a socket connected while the client
 * closes is closed, and the connect fails.
 *
 * @param <S> the transport's socket
 */
public abstract class ClientConnect<S> implements ConnectionGroup.Member {
    private final ClientSettings.Opening opening;
    private final WebSocketHandler handler;
    private final ConnectionGroup group;
    private volatile S socket;
    private volatile ConnectionDriver driver;

    /**
     * The connect {@code opening} describes, for {@code handler}, counted in {@code group}.
     *
     * @param opening where TCP goes, the tunnel if any, the target and the opening handshake; not
     *     {@code null}
     * @param handler the application's handler of the connection; not {@code null}
     * @param group the client's connections, or {@code null} when the transport counts them itself
     */
    protected ClientConnect(ClientSettings.Opening opening, WebSocketHandler handler, ConnectionGroup group) {
        this.opening = Objects.requireNonNull(opening, "opening");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.group = group;
    }

    /**
     * Runs the steps, each once the one before it succeeded.
     *
     * @return completes with the open socket once {@code onOpen} ran, or fails with the error of the
     *     step that failed
     */
    public final CompletableFuture<WebSocket> run() {
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        // Before the connect starts, so that the steps after it run where it completes.
        CompletableFuture<S> tcp = new CompletableFuture<>();
        tcp.whenComplete((connected, refused) -> {
            if (refused != null) {
                opened.completeExceptionally(cause(refused));
                return;
            }
            socket = connected;
            if (group != null && !group.tryAdd(this)) {
                close(connected);
                opened.completeExceptionally(new IllegalStateException("client closed"));
                return;
            }
            reachServer(connected).whenComplete((reached, failure) -> {
                if (failure == null) {
                    startWebSocket(connected, opened);
                } else {
                    close(connected);
                    leaveGroup();
                    opened.completeExceptionally(cause(failure));
                }
            });
        });
        connect(opening.tcpHost(), opening.tcpPort(), tcp);
        return opened;
    }

    /** Through the proxy's tunnel, if any, then TLS for {@code wss}. */
    private CompletionStage<Void> reachServer(S connected) {
        CompletionStage<Void> tunnelled = opening.tunnel() == null ? CompletableFuture.completedFuture(null)
                : openTunnel(connected, new TunnelHandshake(opening.tunnel(), opening.deadline()));
        return opening.target().isSecure()
                ? tunnelled.thenCompose(open -> startTls(connected, opening.target(), opening.deadline()))
                : tunnelled;
    }

    private void startWebSocket(S connected, CompletableFuture<WebSocket> opened) {
        ConnectionDriver started = startWebSocket(connected, opening.handshake(), handler);
        driver = started;
        started.ended().thenRun(this::leaveGroup);
        started.opened().whenComplete((open, failure) -> {
            if (failure == null) {
                opened.complete(open);
            } else {
                // The socket's own error (a reset), if it reported one, stays with the engine's verdict.
                Throwable socketError = started.transportError();
                if (socketError != null && socketError != failure) {
                    failure.addSuppressed(socketError);
                }
                opened.completeExceptionally(failure);
            }
        });
    }

    private void leaveGroup() {
        if (group != null) {
            group.remove(this);
        }
    }

    /** A dependent stage's failure comes wrapped; the connect fails with the step's own. */
    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** The closing handshake once the connection has started; the socket closed before that. */
    @Override
    public final void goingAway(String reason) {
        ConnectionDriver started = driver;
        if (started != null) {
            started.goingAway(reason);
        } else {
            close(socket);
        }
    }

    /** The connection dropped once started; the socket closed before that. */
    @Override
    public final void drop() {
        ConnectionDriver started = driver;
        if (started != null) {
            started.drop();
        } else {
            close(socket);
        }
    }

    /**
     * Opens TCP to {@code host} and {@code port} within the connect timeout.
     *
     * @param host the proxy's host when there is one, else the server's
     * @param port the port of {@code host}
     * @param connected to complete with the connected socket, or with why it did not connect, on
     *     the socket's own thread (its event loop): the later steps run there
     */
    protected abstract void connect(String host, int port, CompletableFuture<S> connected);

    /**
     * Runs the proxy's {@code CONNECT} exchange on {@code socket}, its timer at the deadline.
     *
     * @param socket the socket connected to the proxy
     * @param tunnel the exchange, bounded by what is left of the connect deadline
     * @return completes once the tunnel is open and the socket free for the next step, or fails
     *     with the exchange's error
     */
    protected abstract CompletionStage<Void> openTunnel(S socket, TunnelHandshake tunnel);

    /**
     * Runs the TLS handshake with {@code target} over {@code socket}: its host names SNI and is what
     * its certificate must match (RFC 6455 §4.1 item 5), through a tunnel too.
     *
     * @param socket the socket to the server, or to the proxy with its tunnel open
     * @param target the server's URI
     * @param deadline bounds the handshake with what is left of the connect timeout
     * @return completes once TLS is up, or fails with the TLS error
     */
    protected abstract CompletionStage<Void> startTls(S socket, WebSocketUri target, ConnectDeadline deadline);

    /**
     * Starts the WebSocket connection on {@code socket}, which sends {@code handshake}.
     *
     * @param socket the socket to the server, with TLS for {@code wss}
     * @param handshake the opening request (RFC 6455 §4.1)
     * @param handler the application's handler of the connection
     * @return the connection's driver, started
     */
    protected abstract ConnectionDriver startWebSocket(S socket, ClientHandshake handshake, WebSocketHandler handler);

    /**
     * Closes {@code socket}: a step before the opening handshake failed, or the client closes.
     *
     * @param socket the socket to close
     */
    protected abstract void close(S socket);
}
