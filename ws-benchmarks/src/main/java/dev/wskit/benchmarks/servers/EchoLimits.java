package dev.wskit.benchmarks.servers;

/** The limits every echo server runs with whatever its {@link EchoProfile}. */
final class EchoLimits {
    /** Largest HTTP opening request, for the stacks that aggregate it (Netty's own). */
    static final int MAX_HANDSHAKE_BYTES = 8192;

    /** Every wskit server refuses beyond its maxConnections (default 10 000); the memory point opens 10 000. */
    static final int MAX_CONNECTIONS = 50_000;

    private EchoLimits() {
    }
}
