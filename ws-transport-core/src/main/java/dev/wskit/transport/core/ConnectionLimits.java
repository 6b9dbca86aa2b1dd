package dev.wskit.transport.core;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.http.HttpRequestHandler;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The open connections of one server, counted in total and per remote IP address (not per port:
 * one client opens many connections from many ports), against the server's two limits,
 * {@link ServerBuilder#maxConnections} and {@link ServerBuilder#maxConnectionsPerAddress}.
 *
 * <p>Each connection has a {@link Slot}: it {@linkplain Slot#take takes} it when the connection is
 * up and {@linkplain Slot#release releases} it once, when the connection has ended. A connection
 * over a limit takes nothing, so a flood of connections being refused never keeps the server
 * full; its requests are answered {@code 503}, with {@code Retry-After} and the limit named, instead.
 *
 * <p>Thread-safe: connections come and go on many threads at once.
 */
public final class ConnectionLimits {
    /**
     * The delay a refused client is asked to wait ({@code Retry-After}, RFC 9110 §10.2.3). A slot
     * frees only when some connection ends, which the server cannot foresee; a few seconds spread
     * the retries of many clients without keeping one away for long.
     */
    private static final String RETRY_AFTER_SECONDS = "5";

    /** The limit a connection was over. */
    public enum Limit {
        /** The server holds {@link ServerBuilder#maxConnections} connections already. */
        MAX_CONNECTIONS("the server has too many connections; try again later\n"),
        /** The peer's address holds {@link ServerBuilder#maxConnectionsPerAddress} connections already. */
        MAX_CONNECTIONS_PER_ADDRESS("too many connections from your address; try again later\n");

        private final String explanation;

        Limit(String explanation) {
            this.explanation = explanation;
        }

        /** The body of the {@code 503}: which limit, and nothing about the server's numbers. */
        String explanation() {
            return explanation;
        }
    }

    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    /** Open connections per address; an address with none has no entry, so the map stays small. */
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int open;

    /**
     * Limits of at most {@code maxConnections} open connections, and at most
     * {@code maxConnectionsPerAddress} from one IP address.
     *
     * @param maxConnections the most connections open at once; at least 1
     * @param maxConnectionsPerAddress the most connections open at once from one IP address; at
     *     least 1
     * @throws IllegalArgumentException when either is not positive
     */
    public ConnectionLimits(int maxConnections, int maxConnectionsPerAddress) {
        this.maxConnections = ArgumentChecks.positive(maxConnections, "maxConnections");
        this.maxConnectionsPerAddress = ArgumentChecks.positive(maxConnectionsPerAddress, "maxConnectionsPerAddress");
    }

    /**
     * The most connections open at once.
     *
     * @return the limit, at least 1
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * The most connections open at once from one IP address.
     *
     * @return the limit, at least 1
     */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /**
     * A slot for a connection just accepted, not taken yet.
     *
     * @return a new slot, holding no place yet
     */
    public Slot newSlot() {
        return new Slot();
    }

    /**
     * The connections holding a slot now.
     *
     * @return the count, at least 0
     */
    public synchronized int openConnections() {
        return open;
    }

    /**
     * The connections from {@code address} holding a slot now.
     *
     * @param address the IP address
     * @return the count, at least 0
     */
    public synchronized int openConnections(InetAddress address) {
        return perAddress.getOrDefault(address, 0);
    }

    /**
     * The address a connection is counted under: its IP address. A peer with none (a socket that is
     * not IP, or already gone) is counted in the total only, as it has no address to share.
     */
    private static InetAddress addressOf(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    private synchronized Limit tryTake(InetAddress address) {
        if (open >= maxConnections) {
            return Limit.MAX_CONNECTIONS;
        }
        if (address != null && perAddress.getOrDefault(address, 0) >= maxConnectionsPerAddress) {
            return Limit.MAX_CONNECTIONS_PER_ADDRESS;
        }
        open++;
        if (address != null) {
            perAddress.merge(address, 1, Integer::sum);
        }
        return null;
    }

    private synchronized void giveBack(InetAddress address) {
        open--;
        if (address != null) {
            perAddress.computeIfPresent(address, (a, count) -> count == 1 ? null : count - 1);
        }
    }

    /**
     * One connection's place among the open ones. Taken at most once and released at most once,
     * whatever order the transport reports the connection's start and end in: a release before the
     * take leaves nothing to take. Thread-safe.
     */
    public final class Slot {
        private InetAddress address;
        private boolean taken;
        private boolean released;
        private Limit refused;

        private Slot() {
        }

        /**
         * Takes a place for a connection from {@code remoteAddress} ({@code null} when the transport
         * cannot tell), unless a limit is reached or the slot was released already.
         *
         * @param remoteAddress the peer's address, or {@code null}
         * @return whether the connection holds a place now
         */
        public boolean take(SocketAddress remoteAddress) {
            synchronized (ConnectionLimits.this) {
                if (taken || released || refused != null) {
                    return taken && !released;
                }
                InetAddress from = addressOf(remoteAddress);
                refused = tryTake(from);
                taken = refused == null;
                address = from;
                return taken;
            }
        }

        /**
         * The limit the connection was over when it tried to take its place; empty otherwise.
         *
         * @return the limit, or empty
         */
        public Optional<Limit> refusal() {
            synchronized (ConnectionLimits.this) {
                return Optional.ofNullable(refused);
            }
        }

        /** Gives the place back once the connection has ended; later calls, and calls without a place, do nothing. */
        public void release() {
            synchronized (ConnectionLimits.this) {
                if (released) {
                    return;
                }
                released = true;
                if (taken) {
                    giveBack(address);
                }
            }
        }

        /**
         * {@code decider} for a connection that holds its place; on one over a limit, every valid
         * upgrade request is answered {@code 503 Service Unavailable} with {@code Retry-After} and
         * the limit named, then the connection closes. Invalid requests never reach a decider, so
         * they keep their own answers.
         */
        UpgradeDecider admitting(UpgradeDecider decider) {
            return request -> {
                Optional<Limit> over = refusal();
                return over.isEmpty() ? decider.decide(request) : UpgradeDecision
                        .reject(503, over.get().explanation()).withHeader("Retry-After", RETRY_AFTER_SECONDS);
            };
        }

        /**
         * {@code config} for this connection: unchanged without an HTTP handler; with one, a plain
         * request on a connection over a limit is answered {@code 503} as its upgrade would be,
         * and the connection closes, so it cannot stay open for plain requests uncounted.
         */
        WebSocketConfig admitting(WebSocketConfig config) {
            HttpRequestHandler plain = config.httpHandler();
            if (plain == null) {
                return config;
            }
            return config.toBuilder().httpHandler(request -> {
                Optional<Limit> over = refusal();
                return over.isEmpty() ? plain.handle(request) : HttpResponse
                        .text(503, over.get().explanation())
                        .withHeader("Retry-After", RETRY_AFTER_SECONDS)
                        .withHeader("Connection", "close");
            }).build();
        }
    }
}
