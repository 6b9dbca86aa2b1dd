package dev.wskit.metrics.micrometer;

import dev.wskit.protocol.Direction;
import dev.wskit.protocol.Role;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@link WskitMeters#MESSAGE_SIZE} summaries, one per transport, role and direction. Recorded
 * once per message, so the meters are kept here rather than looked up in the registry each time
 * (an id and its tags built, then a map lookup): a message costs a lookup of its transport's name
 * and allocates nothing. Each summary is registered when its first message comes, so a process
 * that only serves shows no client summaries.
 */
final class MessageSizes {
    private static final Role[] ROLES = Role.values();
    private static final Direction[] DIRECTIONS = Direction.values();

    private final MeterRegistry registry;
    private final Tags common;
    /** Per transport: its summaries by {@link #index(Role, Direction)}, {@code null} until registered. */
    private final Map<String, AtomicReferenceArray<DistributionSummary>> byTransport = new ConcurrentHashMap<>();

    MessageSizes(MeterRegistry registry, Tags common) {
        this.registry = registry;
        this.common = common;
    }

    void record(String transport, Role role, Direction direction, long payloadBytes) {
        AtomicReferenceArray<DistributionSummary> summaries = byTransport.get(transport);
        if (summaries == null) {
            summaries = byTransport.computeIfAbsent(transport,
                    name -> new AtomicReferenceArray<>(ROLES.length * DIRECTIONS.length));
        }
        int index = index(role, direction);
        DistributionSummary summary = summaries.get(index);
        if (summary == null) {
            // Two threads may both register it: the registry hands both the same meter.
            summary = register(transport, role, direction);
            summaries.set(index, summary);
        }
        summary.record(payloadBytes);
    }

    private DistributionSummary register(String transport, Role role, Direction direction) {
        return DistributionSummary.builder(WskitMeters.MESSAGE_SIZE)
                .description("Sizes of WebSocket data messages as the application sees them: after inflation, before deflation")
                .baseUnit(BaseUnits.BYTES)
                .tags(common.and(WskitMeters.TRANSPORT, transport, WskitMeters.ROLE, role.name(),
                        WskitMeters.DIRECTION, direction == Direction.IN ? WskitMeters.IN : WskitMeters.OUT))
                .register(registry);
    }

    private static int index(Role role, Direction direction) {
        return role.ordinal() * DIRECTIONS.length + direction.ordinal();
    }
}
