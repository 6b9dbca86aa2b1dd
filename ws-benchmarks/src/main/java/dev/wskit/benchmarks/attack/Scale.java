package dev.wskit.benchmarks.attack;

/**
 * How hard each attack pushes: {@link #FULL} as an attacker would (hundreds of connections,
 * megabytes each), {@link #SHORT} for a test in the build, the same attacks, a few seconds each.
 *
 * @param holdMillis how long an attack holds its connections before looking at them
 * @param slowHoldMillis the same for slow attacks: in full, past the 10 s a server commonly
 *     allows an opening handshake
 * @param bombConnections connections of the deflate bomb, each with one unfinished message
 * @param overLimitConnections connections each sending one compressed message inflating past the limit
 * @param floodConnections connections of each flood
 * @param floodBytes the most each flooding connection sends
 * @param slowConnections connections trickling a message or a handshake
 * @param idleConnections idle connections opened at once (fewer when the file limit is lower)
 * @param churnConnections connections opened and dropped, at most, within the hold
 * @param measureHeap whether the server's heap is read (sampled during the attack, and live
 *     after a full collection before and after it); each reading starts a JDK tool and takes
 *     a second or so, too long for a run in the build, which looks at outcomes only
 */
record Scale(
        long holdMillis,
        long slowHoldMillis,
        int bombConnections,
        int overLimitConnections,
        int floodConnections,
        long floodBytes,
        int slowConnections,
        int idleConnections,
        int churnConnections,
        boolean measureHeap) {

    static final Scale FULL = new Scale(8000, 12_000, 300, 20, 4, 64 << 20, 200, 10_000, 100_000, true);
    static final Scale SHORT = new Scale(600, 600, 30, 2, 2, 4 << 20, 20, 500, 2000, false);

    /** The same scale with {@code connections} deflate bombs (issue #16 measured 60). */
    Scale withBombConnections(int connections) {
        return new Scale(holdMillis, slowHoldMillis, connections, overLimitConnections, floodConnections, floodBytes,
                slowConnections, idleConnections, churnConnections, measureHeap);
    }

    static Scale of(String name) {
        switch (name) {
            case "full":
                return FULL;
            case "short":
                return SHORT;
            default:
                throw new IllegalArgumentException("--scale must be full or short: " + name);
        }
    }
}
