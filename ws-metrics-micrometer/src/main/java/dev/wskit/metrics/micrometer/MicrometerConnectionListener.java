package dev.wskit.metrics.micrometer;

import dev.wskit.protocol.Backpressure;
import dev.wskit.protocol.CloseSummary;
import dev.wskit.protocol.ConnectionInfo;
import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.Direction;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.RoundTrip;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The connections' life as Micrometer meters (names in {@link WskitMeters}): set it on any server
 * or client builder of any transport, in one line:
 *
 * <pre>{@code
 * NettyWebSocketServer.builder().handler(EchoHandler::new)
 *         .listener(MicrometerConnectionListener.of(registry))
 *         .build();
 * }</pre>
 *
 * <p>One listener per registry: it may be set on every server and client of the process, and its
 * open-connections gauge counts them all, per transport and role. A second listener with the same
 * tags on the same registry would find the first one's gauge registered, and its own counts unseen;
 * give it tags of its own ({@link #of(MeterRegistry, Iterable)}) if two are needed.
 *
 * <p>Message and byte counts are added from the {@link CloseSummary}, when a connection closes,
 * so a long-lived connection's traffic shows once it ends. Each message's size is recorded as it
 * completes ({@link WskitMeters#MESSAGE_SIZE}): its count and total show traffic as it flows.
 *
 * <p>Every connection event looks its meter up in the registry (a map lookup): those come a few
 * times per connection. Message sizes, which come per message, are kept in meters of their own
 * ({@link MessageSizes}), allocating nothing.
 */
public final class MicrometerConnectionListener implements ConnectionListener {
    private final MeterRegistry registry;
    private final Tags common;
    private final OpenConnections open;
    private final MessageSizes messageSizes;

    private MicrometerConnectionListener(MeterRegistry registry, Tags common) {
        this.registry = registry;
        this.common = common;
        this.open = new OpenConnections(registry, common);
        this.messageSizes = new MessageSizes(registry, common);
    }

    /**
     * A listener whose meters go to {@code registry}.
     *
     * @param registry where the meters are registered; not {@code null}
     * @return a new listener, to be set on a server or client builder
     */
    public static MicrometerConnectionListener of(MeterRegistry registry) {
        return of(registry, Tags.empty());
    }

    /**
     * A listener whose meters go to {@code registry}, each tagged with {@code tags} (which server
     * it is, say) besides the keys of {@link WskitMeters}.
     *
     * @param registry where the meters are registered; not {@code null}
     * @param tags tags added to every meter; not {@code null}, maybe empty
     * @return a new listener, to be set on a server or client builder
     */
    public static MicrometerConnectionListener of(MeterRegistry registry, Iterable<Tag> tags) {
        return new MicrometerConnectionListener(Objects.requireNonNull(registry, "registry"),
                Tags.of(Objects.requireNonNull(tags, "tags")));
    }

    @Override
    public void opened(ConnectionInfo connection, String subprotocol, String extensions) {
        open.opened(connection.transport(), connection.role());
        handshake(connection, WskitMeters.ACCEPTED, 101, WskitMeters.NONE);
    }

    @Override
    public void handshakeRejected(ConnectionInfo connection, int status, ProtocolViolation violation) {
        handshake(connection, WskitMeters.REJECTED, status, violation == null ? WskitMeters.NONE : violation.name());
    }

    @Override
    public void violation(ConnectionInfo connection, ProtocolViolation violation) {
        Counter.builder(WskitMeters.VIOLATIONS)
                .description("WebSocket connections failed on a broken rule")
                .tags(tags(connection).and(WskitMeters.RULE, violation.name(),
                        WskitMeters.CODE, Integer.toString(violation.closeCode())))
                .register(registry)
                .increment();
    }

    @Override
    public void backpressure(ConnectionInfo connection, Backpressure backpressure, long unwrittenBytes) {
        Counter.builder(WskitMeters.BACKPRESSURE)
                .description("WebSocket flow-control changes: paused past the high-water mark, drained, dropped past the outbound limit")
                .tags(tags(connection).and(WskitMeters.EVENT, backpressure.name()))
                .register(registry)
                .increment();
    }

    @Override
    public void roundTrip(ConnectionInfo connection, RoundTrip roundTrip) {
        Timer.builder(WskitMeters.ROUND_TRIP)
                .description("Round trips of WebSocket pings to their pongs")
                .tags(tags(connection))
                .register(registry)
                .record(roundTrip.latestNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void message(ConnectionInfo connection, Direction direction, long payloadBytes) {
        messageSizes.record(connection.transport(), connection.role(), direction, payloadBytes);
    }

    @Override
    public void closed(ConnectionInfo connection, CloseSummary summary) {
        Tags tags = tags(connection);
        traffic(WskitMeters.MESSAGES, "WebSocket data messages, added when the connection closes", null,
                tags, summary.messagesIn(), summary.messagesOut());
        traffic(WskitMeters.FRAME_BYTES, "WebSocket frame bytes, control frames included, added when the connection closes",
                "bytes", tags, summary.bytesIn(), summary.bytesOut());
        Timer.builder(WskitMeters.CONNECTION_DURATION)
                .description("How long WebSocket connections lasted, from the open to the TCP close")
                .tags(tags)
                .register(registry)
                .record(summary.durationNanos(), TimeUnit.NANOSECONDS);
        open.closed(connection.transport(), connection.role());
        // Last, so whoever sees the close counted (a scrape, a test) sees the rest of its summary too.
        Counter.builder(WskitMeters.CLOSES)
                .description("WebSocket connections closed")
                .tags(tags.and(WskitMeters.CODE, Integer.toString(summary.code()),
                        WskitMeters.INITIATOR, summary.initiator().name()))
                .register(registry)
                .increment();
    }

    private void handshake(ConnectionInfo connection, String outcome, int status, String violation) {
        Counter.builder(WskitMeters.HANDSHAKES)
                .description("WebSocket opening handshakes")
                .tags(tags(connection).and(WskitMeters.OUTCOME, outcome, WskitMeters.STATUS, Integer.toString(status),
                        WskitMeters.VIOLATION, violation))
                .register(registry)
                .increment();
    }

    private void traffic(String name, String description, String baseUnit, Tags tags, long in, long out) {
        Counter.builder(name).description(description).baseUnit(baseUnit)
                .tags(tags.and(WskitMeters.DIRECTION, WskitMeters.IN)).register(registry).increment(in);
        Counter.builder(name).description(description).baseUnit(baseUnit)
                .tags(tags.and(WskitMeters.DIRECTION, WskitMeters.OUT)).register(registry).increment(out);
    }

    private Tags tags(ConnectionInfo connection) {
        return common.and(WskitMeters.TRANSPORT, connection.transport(), WskitMeters.ROLE, connection.role().name());
    }
}
