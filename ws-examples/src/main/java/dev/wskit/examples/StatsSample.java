package dev.wskit.examples;

import java.util.Locale;

/**
 * One second of the live page's feed: the open connections, how many of them are the page's own
 * viewers, and the per-second rates of messages and frame bytes between two readings of the
 * registry. The registry adds a connection's messages and bytes when it closes, so the rates are
 * of traffic whose connection ended in that second.
 *
 * @param epochMillis when the later reading was taken, for the page's time axis
 * @param open connections open now, the viewers of the feed among them
 * @param viewers the feed's own connections
 */
record StatsSample(long epochMillis, long open, int viewers, double messagesInPerSecond,
                   double messagesOutPerSecond, double bytesInPerSecond, double bytesOutPerSecond) {

    static StatsSample between(RegistryTotals earlier, RegistryTotals later, long epochMillis, int viewers) {
        double seconds = Math.max(later.nanos() - earlier.nanos(), 1) / 1e9;
        return new StatsSample(epochMillis, later.open(), viewers,
                (later.messagesIn() - earlier.messagesIn()) / seconds,
                (later.messagesOut() - earlier.messagesOut()) / seconds,
                (later.bytesIn() - earlier.bytesIn()) / seconds,
                (later.bytesOut() - earlier.bytesOut()) / seconds);
    }

    /** The sample as the feed sends it: one small JSON object. */
    String json() {
        return String.format(Locale.ROOT,
                "{\"time\":%d,\"open\":%d,\"viewers\":%d,\"messagesIn\":%.1f,\"messagesOut\":%.1f,"
                        + "\"bytesIn\":%.1f,\"bytesOut\":%.1f}",
                epochMillis, open, viewers, messagesInPerSecond, messagesOutPerSecond, bytesInPerSecond,
                bytesOutPerSecond);
    }
}
