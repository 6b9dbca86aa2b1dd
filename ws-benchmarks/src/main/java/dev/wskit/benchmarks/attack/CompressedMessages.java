package dev.wskit.benchmarks.attack;

import java.util.function.ToIntFunction;

/**
 * Connections that negotiate permessage-deflate (RFC 7692) and each send one compressed message
 * made of zeros, a thousand times smaller on the wire than inflated, then wait:
 *
 * <ul>
 *   <li>the deflate bomb: many connections, each one unfinished message, a first fragment (FIN
 *       clear, RSV1 set, §6) of about 15 KB inflating to about 15 MB. A server that inflates a
 *       fragment in full before checking the message limit, or keeps each connection's inflated
 *       bytes while waiting for the rest, holds connections × 15 MB;
 *   <li>the limit checked on compressed rather than inflated size: fewer connections, each one
 *       whole message inflating to twice the server's limit. §8.1 lets a receiver limit what it
 *       inflates: the right answer is 1009 (RFC 6455 §7.4.1) before the limit is exceeded in
 *       memory.
 * </ul>
 */
final class CompressedMessages extends Attack {
    private final int firstByte;
    private final long inflatedBytes;
    private final ToIntFunction<Scale> connections;

    private CompressedMessages(String name, String description, int firstByte, long inflatedBytes, ToIntFunction<Scale> connections) {
        super(name, description);
        this.firstByte = firstByte;
        this.inflatedBytes = inflatedBytes;
        this.connections = connections;
    }

    static CompressedMessages bomb(long inflatedBytes) {
        return new CompressedMessages("deflate-bomb", "N connections, each one unfinished compressed fragment"
                + " (~15 KB inflating to ~15 MB), then idle", Frames.RSV1 | Frames.BINARY, inflatedBytes, Scale::bombConnections);
    }

    static CompressedMessages overLimit(long maxMessageBytes) {
        return new CompressedMessages("inflated-over-limit", "whole compressed messages inflating to twice the message limit",
                Frames.FIN | Frames.RSV1 | Frames.BINARY, 2 * maxMessageBytes, Scale::overLimitConnections);
    }

    @Override
    String run(Target target, Scale scale) throws Exception {
        boolean whole = (firstByte & Frames.FIN) != 0;
        byte[] frame = Frames.frame(firstByte, Bombs.zeros(inflatedBytes, whole));
        try (Peers peers = Peers.open(target, target.deflateHandshake(), connections.applyAsInt(scale))) {
            if (!peers.all.isEmpty() && !peers.all.get(0).agreed("permessage-deflate")) {
                return "permessage-deflate not negotiated: not applicable";
            }
            for (Peer peer : peers.all) {
                peer.write(frame);
            }
            Peers.hold(scale.holdMillis());
            return peers.fates() + " (" + frame.length / 1000 + " KB each on the wire)";
        }
    }
}
