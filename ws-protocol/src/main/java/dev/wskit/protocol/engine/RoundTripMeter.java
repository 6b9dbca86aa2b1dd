package dev.wskit.protocol.engine;

import dev.wskit.protocol.RoundTrip;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Measures the round-trip time of one connection by its pings: each measuring ping carries its
 * own number as ASCII digits, and the peer answers a ping with a pong of the same payload (RFC
 * 6455 §5.5.2, §5.5.3). A pong counts only when it carries the number of the last ping sent, so an
 * unsolicited pong, the pong of an application's own ping, or one that comes after a newer ping was
 * sent (a peer may answer only the most recent, §5.5.3) measures nothing.
 */
final class RoundTripMeter {
    /** RFC 6298 §2.3: each new measurement moves the smoothed value by 1/8 of its difference. */
    private static final int SMOOTHING_DIVISOR = 8;

    private final LongSupplier clock;
    private final ConnectionObserver observer;
    /** The number of the last measuring ping; none has been sent while it is 0. */
    private long pings;
    /** The last measuring ping's payload, awaiting its pong, or {@code null}. */
    private byte[] awaited;
    private long sentAt;
    private Optional<RoundTrip> measured = Optional.empty();

    RoundTripMeter(LongSupplier clock, ConnectionObserver observer) {
        this.clock = clock;
        this.observer = observer;
    }

    /** The payload of a new measuring ping, sent now; a pong to an earlier one no longer counts. */
    ByteBuffer nextPing() {
        awaited = Long.toString(++pings).getBytes(StandardCharsets.US_ASCII);
        sentAt = clock.getAsLong();
        return ByteBuffer.wrap(awaited);
    }

    /** A pong arrived: the round trip is measured if it answers the ping awaited. */
    void pongReceived(ByteBuffer payload) {
        if (awaited == null || !answersAwaited(payload)) {
            return;
        }
        awaited = null;
        long latest = clock.getAsLong() - sentAt;
        long smoothed = measured.isEmpty()
                ? latest
                : measured.get().smoothedNanos() + (latest - measured.get().smoothedNanos()) / SMOOTHING_DIVISOR;
        RoundTrip roundTrip = new RoundTrip(latest, smoothed);
        measured = Optional.of(roundTrip);
        observer.roundTrip(roundTrip);
    }

    private boolean answersAwaited(ByteBuffer payload) {
        if (payload.remaining() != awaited.length) {
            return false;
        }
        for (int i = 0; i < awaited.length; i++) {
            if (payload.get(payload.position() + i) != awaited[i]) {
                return false;
            }
        }
        return true;
    }

    /** The last measurement and the smoothed value, once a pong answered a measuring ping. */
    Optional<RoundTrip> measured() {
        return measured;
    }
}
