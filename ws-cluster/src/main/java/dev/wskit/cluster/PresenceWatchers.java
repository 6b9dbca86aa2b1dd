package dev.wskit.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The presence listeners a node has, by topic. Touched on the delivery thread only. */
final class PresenceWatchers {
    private final Map<String, List<PresenceListener>> byTopic = new HashMap<>();
    private final ClusterListener failures;

    PresenceWatchers(ClusterListener failures) {
        this.failures = failures;
    }

    void add(String topic, PresenceListener listener) {
        byTopic.computeIfAbsent(topic, key -> new ArrayList<>()).add(listener);
    }

    /** True if {@code topic} has no listener left on this node. */
    boolean remove(String topic, PresenceListener listener) {
        List<PresenceListener> listeners = byTopic.get(topic);
        if (listeners == null || !listeners.remove(listener)) {
            return false;
        }
        if (listeners.isEmpty()) {
            byTopic.remove(topic);
            return true;
        }
        return false;
    }

    void tell(PresenceEvent event) {
        for (PresenceListener listener : List.copyOf(byTopic.getOrDefault(event.topic(), List.of()))) {
            try {
                listener.presenceChanged(event);
            } catch (RuntimeException e) {
                failures.callbackFailed(event.topic(), null, e);
            }
        }
    }

    Set<String> topics() {
        return Set.copyOf(byTopic.keySet());
    }
}
