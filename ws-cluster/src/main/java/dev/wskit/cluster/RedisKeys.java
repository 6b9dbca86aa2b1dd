package dev.wskit.cluster;

/**
 * The keys of a topic in Redis. The topic in braces is a hash tag, so a topic's keys stay on one
 * shard of a Redis Cluster, where the scripts that touch two of them need that.
 */
final class RedisKeys {
    private RedisKeys() {
    }

    /** The stream of the topic's messages: its order, its ids, its history. */
    static String messages(String topic) {
        return "wskit:{" + topic + "}:messages";
    }

    /** The sorted set of the members present: name to the instant (epoch ms) its presence expires. */
    static String members(String topic) {
        return "wskit:{" + topic + "}:members";
    }

    /** The stream of the topic's presence events, joined and left. */
    static String presence(String topic) {
        return "wskit:{" + topic + "}:presence";
    }
}
