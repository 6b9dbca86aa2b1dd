package dev.wskit.examples.chat;

import dev.wskit.cluster.Cluster;
import dev.wskit.cluster.ClusterListener;
import dev.wskit.cluster.HistoryBounds;
import dev.wskit.cluster.LocalCluster;
import dev.wskit.cluster.RedisCluster;
import dev.wskit.examples.CommandLine;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat's options for running as one of several nodes: {@code --cluster redis://HOST:PORT}, the
 * store the nodes share (without it, the room is this process's alone), and {@code --peers}, the
 * other nodes' page URLs, which the page goes on to when its node stops.
 */
final class ChatNodes {
    static final String CLUSTER = "cluster";
    static final String PEERS = "peers";
    /**
     * What a page coming back may resume from: a chat's last hour, up to 1,000 messages; a page
     * away longer is told of the gap.
     */
    static final HistoryBounds HISTORY = new HistoryBounds(1_000, Duration.ofHours(1));

    private ChatNodes() {
    }

    /**
     * This node's part of the room: a {@link RedisCluster} node when {@code --cluster} names a
     * store, else a {@link LocalCluster}.
     *
     * @throws IOException when the store cannot be reached now
     */
    static Cluster join(CommandLine line) throws IOException {
        String uri = line.get(CLUSTER, null);
        if (uri == null) {
            return LocalCluster.create(HISTORY, ClusterListener.NONE);
        }
        RedisCluster.Builder node;
        try {
            node = RedisCluster.builder(uri).history(HISTORY);
        } catch (IllegalArgumentException notAUri) {
            throw new CommandLine.UsageException("--" + CLUSTER + " must be redis://HOST:PORT: " + uri);
        }
        try {
            return node.connect();
        } catch (RuntimeException unreachable) {
            throw new IOException("cannot reach the cluster's store at " + uri + ": " + unreachable.getMessage(), unreachable);
        }
    }

    /** The {@code --peers} URLs, given as the option repeated or comma-separated, each {@code http(s)://HOST:PORT/}. */
    static List<URI> peers(CommandLine line) {
        List<URI> peers = new ArrayList<>();
        for (String value : line.getAll(PEERS)) {
            for (String peer : value.split(",")) {
                peers.add(pageUrl(peer.strip()));
            }
        }
        return peers;
    }

    private static URI pageUrl(String peer) {
        URI uri;
        try {
            uri = URI.create(peer);
        } catch (IllegalArgumentException malformed) {
            uri = null;
        }
        boolean http = uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        if (!http || uri.getHost() == null || uri.getPort() < 0) {
            throw new CommandLine.UsageException("--" + PEERS + " takes page URLs, http://HOST:PORT/: " + peer);
        }
        return uri.resolve("/");
    }
}
