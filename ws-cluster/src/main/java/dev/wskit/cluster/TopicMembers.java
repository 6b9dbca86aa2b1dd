package dev.wskit.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The members a node has, by topic. Touched on the delivery thread only. */
final class TopicMembers {
    private final Map<String, List<MemberFeed>> byTopic = new HashMap<>();

    void add(MemberFeed feed) {
        byTopic.computeIfAbsent(feed.topic(), topic -> new ArrayList<>()).add(feed);
    }

    /** Removes {@code feed}; true if its topic has no member left on this node. */
    boolean remove(MemberFeed feed) {
        feed.leave();
        List<MemberFeed> feeds = byTopic.get(feed.topic());
        if (feeds == null || !feeds.remove(feed)) {
            return false;
        }
        if (feeds.isEmpty()) {
            byTopic.remove(feed.topic());
            return true;
        }
        return false;
    }

    /** Whether another member of this node has the same name in the same topic: presence is by name. */
    boolean hasNamesake(MemberFeed feed) {
        return byTopic.getOrDefault(feed.topic(), List.of()).stream()
                .anyMatch(other -> other != feed && other.member().equals(feed.member()));
    }

    /** Offers live entries of {@code topic}, in order, to its live members. */
    void offerLive(String topic, List<StreamEntry> entries, String self) {
        List<MemberFeed> feeds = byTopic.get(topic);
        if (feeds == null) {
            return;
        }
        // A sink that leaves from its call only queues the leave: the list holds still meanwhile.
        for (StreamEntry entry : entries) {
            boolean deliver = !(entry.deliveredLocally() && self.equals(entry.origin()));
            for (MemberFeed feed : feeds) {
                if (feed.isLive()) {
                    feed.offer(entry, deliver);
                }
            }
        }
    }

    void offerUnwritten(TopicMessage message) {
        for (MemberFeed feed : List.copyOf(byTopic.getOrDefault(message.topic(), List.of()))) {
            feed.offerUnwritten(message);
        }
    }

    Set<String> topics() {
        return Set.copyOf(byTopic.keySet());
    }

    /** The distinct names of this node's members of {@code topic}. */
    Set<String> names(String topic) {
        Set<String> names = new TreeSet<>();
        byTopic.getOrDefault(topic, List.of()).forEach(feed -> names.add(feed.member()));
        return names;
    }
}
