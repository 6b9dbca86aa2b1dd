package dev.wskit.benchmarks.attack;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The fates of an attack's connections, counted: {@code "48 dropped without close, 12 open"}. */
final class Fates {
    private final Map<String, Integer> counts = new TreeMap<>();

    static Fates of(Collection<Peer> peers) {
        Fates fates = new Fates();
        peers.forEach(peer -> fates.add(peer.fate()));
        return fates;
    }

    Fates add(Fate fate) {
        counts.merge(fate.label(), 1, Integer::sum);
        return this;
    }

    int count(Fate fate) {
        return counts.getOrDefault(fate.label(), 0);
    }

    @Override
    public String toString() {
        return counts.isEmpty() ? "no connection" : counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }
}
