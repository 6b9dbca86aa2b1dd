package dev.wskit.benchmarks.attack;

import dev.wskit.benchmarks.load.Connector;
import java.io.IOException;

/**
 * Connections opened, upgraded and dropped without a closing handshake, as fast as they go
 * ({@code 16} under way at once), up to {@link Scale#churnConnections()} or the hold: whatever a
 * connection leaves behind when its peer vanishes accumulates here.
 */
final class Churn extends Attack {
    private static final int CONCURRENCY = 16;

    Churn() {
        super("churn", "open, upgrade and drop connections as fast as they go");
    }

    @Override
    String run(Target target, Scale scale) {
        long started = System.nanoTime();
        long deadline = started + scale.holdMillis() * 1_000_000;
        long[] opened = new long[1];
        try {
            new Connector(target.address(), target.handshake()).run(scale.churnConnections(), CONCURRENCY, () -> deadline,
                    (channel, nanos) -> {
                        opened[0]++;
                        return false;
                    });
        } catch (IOException | RuntimeException e) {
            return opened[0] + " handshakes, then failed: " + e.getMessage();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format("%d handshakes in %.1f s (%.0f/s), all answered", opened[0], seconds, opened[0] / seconds);
    }
}
