package dev.wskit.cluster.arch.planted;

/** Planted for the rule's own test: reports by printing, as the module must not. */
public final class PrintsWhatHappened {
    private PrintsWhatHappened() {
    }

    public static void redisWentDown() {
        System.err.println("redis is down");
    }
}
