/**
 * Topics shared by the nodes of a cluster, each message reaching every member on every node once
 * in the topic's order, with resumption after a reconnect and presence: in memory on one node
 * ({@link dev.wskit.cluster.LocalCluster}) or across nodes through Redis
 * ({@link dev.wskit.cluster.RedisCluster}).
 */
package dev.wskit.cluster;
