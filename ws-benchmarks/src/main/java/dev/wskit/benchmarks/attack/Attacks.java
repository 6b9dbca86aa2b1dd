package dev.wskit.benchmarks.attack;

import java.util.ArrayList;
import java.util.List;

/** Every attack, in the order a full run makes them: cheap and harmless ones first. */
final class Attacks {
    /** What each deflate bomb inflates to: 15 MB, as the attack measured in issue #16. */
    private static final long BOMB_INFLATED_BYTES = 15_000_000;

    private Attacks() {
    }

    /**
     * All attacks against {@code target}, whose message limit is {@code maxMessageBytes}: each
     * alone, then all of them at once.
     */
    static List<Attack> all(Target target, long maxMessageBytes) {
        List<Attack> alone = each(target, maxMessageBytes);
        List<Attack> all = new ArrayList<>(alone);
        all.add(new AllTogether(alone));
        return all;
    }

    private static List<Attack> each(Target target, long maxMessageBytes) {
        return List.of(
                new WindowBitsOffers(),
                new UpgradeWithBody(),
                new HeadByteByByte(),
                Flood.manyHeaders(target),
                Flood.largeHeader(target),
                Trickle.handshake(target),
                Trickle.message(),
                Flood.pings(),
                Flood.tinyFragments(),
                Flood.emptyFrames(),
                Flood.closesAfterClose(),
                Flood.neverReads(),
                new DeclaredLength("declared-length-2^31", 1L << 31),
                new DeclaredLength("declared-length-at-limit", maxMessageBytes),
                new IdleConnections(),
                new Churn(),
                CompressedMessages.overLimit(maxMessageBytes),
                CompressedMessages.bomb(BOMB_INFLATED_BYTES));
    }

    /** The attacks named, in the order given; {@code all} for every one. */
    static List<Attack> named(List<String> names, Target target, long maxMessageBytes) {
        List<Attack> all = all(target, maxMessageBytes);
        if (names.equals(List.of("all"))) {
            return all;
        }
        List<Attack> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(all.stream().filter(a -> a.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown attack: " + name)));
        }
        return chosen;
    }
}
