package dev.wskit.benchmarks.attack;

/**
 * Frames that declare a length and send no payload (RFC 6455 §5.2's 64-bit length): does the
 * server allocate the declared size before the bytes arrive? Declared beyond the limit, the
 * answer should be 1009 at once; declared exactly at the limit, the server has no reason to
 * refuse, and holds the connections open with nothing allocated for them.
 */
final class DeclaredLength extends Attack {
    private final long declared;

    DeclaredLength(String name, long declared) {
        super(name, "N connections, each one binary frame header declaring " + declared + " bytes, and no payload");
        this.declared = declared;
    }

    @Override
    String run(Target target, Scale scale) throws Exception {
        byte[] header = Frames.header(Frames.FIN | Frames.BINARY, declared);
        try (Peers peers = Peers.open(target, target.handshake(), scale.slowConnections())) {
            for (Peer peer : peers.all) {
                peer.write(header);
            }
            Peers.hold(scale.holdMillis());
            return peers.fates();
        }
    }
}
