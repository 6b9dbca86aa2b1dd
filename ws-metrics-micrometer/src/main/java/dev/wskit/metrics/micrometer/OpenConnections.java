package dev.wskit.metrics.micrometer;

import dev.wskit.protocol.Role;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link WskitMeters#CONNECTIONS_OPEN} gauges: one count per transport and role, registered
 * the first time that transport opens a connection in that role, since the transports a process
 * runs are known only from their events.
 */
final class OpenConnections {
    private record Key(String transport, Role role) {
    }

    private final MeterRegistry registry;
    private final Tags common;
    private final Map<Key, AtomicLong> counts = new ConcurrentHashMap<>();

    OpenConnections(MeterRegistry registry, Tags common) {
        this.registry = registry;
        this.common = common;
    }

    void opened(String transport, Role role) {
        count(transport, role).incrementAndGet();
    }

    void closed(String transport, Role role) {
        count(transport, role).decrementAndGet();
    }

    private AtomicLong count(String transport, Role role) {
        return counts.computeIfAbsent(new Key(transport, role), key -> {
            AtomicLong count = new AtomicLong();
            // The map holds the count strongly; the gauge's weak reference then lives as long as this listener.
            Gauge.builder(WskitMeters.CONNECTIONS_OPEN, count, AtomicLong::get)
                    .description("WebSocket connections open now")
                    .tags(common.and(WskitMeters.TRANSPORT, transport, WskitMeters.ROLE, role.name()))
                    .register(registry);
            return count;
        });
    }
}
