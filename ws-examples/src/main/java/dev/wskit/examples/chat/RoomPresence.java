package dev.wskit.examples.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is in the room on every node, as this node knows it: the names present when the node
 * started (sorted, their arrival being unknown here), then each arrival in the order the cluster
 * told it. Every node hears one topic's joins and leaves in the same order, so nodes that were up
 * for them list the same names in the same order. Used on the room's thread only.
 */
final class RoomPresence {
    private record Change(String name, boolean joined) {
    }

    private final Set<String> names = new LinkedHashSet<>();
    /** Heard since the watch went live and before the names present were read; null after. */
    private List<Change> beforeRead = new ArrayList<>();

    /**
     * Takes the names read once the watch was live. The changes heard meanwhile may be older or
     * newer than the read; played again on top of it, in order, each name ends as its last
     * change left it, and a name nobody changed as the read found it.
     */
    void read(Collection<String> present) {
        names.clear();
        names.addAll(new TreeSet<>(present));
        beforeRead.forEach(this::apply);
        beforeRead = null;
    }

    /** False when the name was present already. */
    boolean joined(String name) {
        return heard(new Change(name, true));
    }

    /** False when the name was not present. */
    boolean left(String name) {
        return heard(new Change(name, false));
    }

    boolean contains(String name) {
        return names.contains(name);
    }

    List<String> names() {
        return new ArrayList<>(names);
    }

    private boolean heard(Change change) {
        if (beforeRead != null) {
            beforeRead.add(change);
        }
        return apply(change);
    }

    private boolean apply(Change change) {
        return change.joined() ? names.add(change.name()) : names.remove(change.name());
    }
}
