/**
 * Topics shared by several wskit nodes: every member of a topic, on any node, gets every message
 * published to it, in one order per topic; a member may resume from the id of the last message it
 * got; presence tells who is in a topic. {@code LocalCluster} is one node in memory,
 * {@code RedisCluster} spans nodes through Redis Streams. Transport-independent: a member is a
 * {@code TopicSink}, for instance a {@code WebSocket} of any transport.
 */
// lettuce-core is an automatic module (a name in its manifest, no descriptor); none of its types
// is in this module's API, so readers need not read it.
@SuppressWarnings("requires-automatic")
module dev.wskit.cluster {
    requires transitive dev.wskit.protocol;
    requires lettuce.core;

    exports dev.wskit.cluster;
}
