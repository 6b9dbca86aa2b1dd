package dev.wskit.benchmarks.attack;

/**
 * The limit checked on compressed rather than inflated size: whole compressed messages of a
 * few dozen kilobytes, each inflating to twice the server's message limit. RFC 7692 §8.1 lets a
 * receiver limit what it inflates; the right answer is 1009 (message too big, RFC 6455 §7.4.1)
 * before the limit is exceeded in memory.
 */
final class InflatedOverLimit implements Attack {
    private final long maxMessageBytes;

    InflatedOverLimit(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public String name() {
        return "inflated-over-limit";
    }

    @Override
    public String description() {
        return "whole compressed messages inflating to twice the message limit";
    }

    @Override
    public String run(Target target, Scale scale) throws Exception {
        byte[] frame = Frames.frame(Frames.FIN | Frames.RSV1 | Frames.BINARY, Bombs.zeros(2 * maxMessageBytes, true));
        try (Peers peers = Peers.open(target, target.deflateHandshake(), scale.overLimitConnections())) {
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
