package dev.wskit.benchmarks.attack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A few connections, each sending a prefix and then a unit over and over as fast as the server
 * reads, never reading, until the hold ends or {@link Scale#floodBytes()} are sent (a server that
 * stops reading simply stops the flood; the report says how much it took). The floods: pings
 * (whose pongs pile up unread), 1-byte and empty fragments of a message that never ends, close
 * frames after a close, large messages whose echoes are never read, and, before any upgrade,
 * opening requests far past any head limit.
 */
final class Flood extends Attack {
    /** How much of a head the header floods send: far past any server's limit (8 KiB is common). */
    private static final int HEAD_BYTES = 1 << 20;

    private final boolean upgrade;
    private final byte[] prefix;
    private final byte[] unit;

    private Flood(String name, String description, boolean upgrade, byte[] prefix, byte[] unit) {
        super(name, description);
        this.upgrade = upgrade;
        this.prefix = prefix;
        this.unit = unit;
    }

    /** Pings with the largest control payload (RFC 6455 §5.5: 125 bytes); each asks for a pong. */
    static Flood pings() {
        return new Flood("ping-flood", "pings of 125 bytes, pongs never read", true,
                new byte[0], Frames.frame(Frames.FIN | Frames.PING, new byte[125]));
    }

    /** One text message of 1-byte fragments (§5.4) that never ends: per-fragment overhead. */
    static Flood tinyFragments() {
        return new Flood("tiny-fragments", "one message of 1-byte continuation frames, never finished", true,
                Frames.frame(Frames.TEXT, new byte[] {'a'}), Frames.frame(Frames.CONTINUATION, new byte[] {'a'}));
    }

    /** Empty continuation frames: a message that grows by nothing, frame after frame. */
    static Flood emptyFrames() {
        return new Flood("empty-frame-flood", "one message of empty continuation frames, never finished", true,
                Frames.frame(Frames.TEXT, new byte[0]), Frames.frame(Frames.CONTINUATION, new byte[0]));
    }

    /** A close (§5.5.1), then more closes: after its close a peer must send nothing (§5.5.1). */
    static Flood closesAfterClose() {
        byte[] close = Frames.frame(Frames.FIN | Frames.CLOSE, new byte[] {0x03, (byte) 0xe8});
        return new Flood("close-after-close", "a close frame (1000), then close frames without end", true, close, close);
    }

    /** Whole 1 MiB messages whose echoes the peer never reads: the server's send side fills. */
    static Flood neverReads() {
        return new Flood("never-reads", "1 MiB binary messages, echoes never read", true,
                new byte[0], Frames.frame(Frames.FIN | Frames.BINARY, new byte[1 << 20]));
    }

    /**
     * An opening request of 1 MiB of small, distinct headers (RFC 6455 §4.1 sets no limit;
     * servers do): the right answer is an HTTP error (431 or 400) or a closed connection once the
     * server's limit is reached, not a buffer of the whole head.
     */
    static Flood manyHeaders(Target target) {
        StringBuilder head = new StringBuilder(requestStart(target));
        for (int i = 0; head.length() < HEAD_BYTES; i++) {
            head.append("X-Header-").append(i).append(": value-").append(i).append("\r\n");
        }
        return new Flood("headers-many", "opening requests of 1 MiB of small headers", false,
                ascii(head.append("\r\n")), new byte[0]);
    }

    /** An opening request with one header whose value never ends. */
    static Flood largeHeader(Target target) {
        return new Flood("header-large", "opening requests with one header of 1 MiB", false,
                ascii(requestStart(target) + "X-Large: "), ascii("a".repeat(1024)));
    }

    /** The plain request without its final blank line, to add headers to. */
    private static String requestStart(Target target) {
        return target.requestText().replace("\r\n\r\n", "\r\n");
    }

    private static byte[] ascii(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    String run(Target target, Scale scale) throws Exception {
        long cap = upgrade ? scale.floodBytes() : HEAD_BYTES;
        try (Peers peers = upgrade ? Peers.open(target, target.handshake(), scale.floodConnections())
                : Peers.connect(target, scale.floodConnections())) {
            List<PeerStream> streams = new ArrayList<>();
            for (Peer peer : peers.all) {
                streams.add(new PeerStream(peer, prefix, unit, cap));
            }
            long deadline = System.nanoTime() + scale.holdMillis() * 1_000_000;
            while (System.nanoTime() < deadline) {
                int written = 0;
                for (PeerStream stream : streams) {
                    written += stream.write(Integer.MAX_VALUE);
                }
                if (written == 0) {
                    Thread.sleep(1); // every socket full (the server is not reading) or every stream done
                }
            }
            return peers.fates() + " (" + summary(streams, cap) + ")";
        }
    }

    private static String summary(List<PeerStream> streams, long cap) {
        long total = streams.stream().mapToLong(PeerStream::sent).sum();
        long capped = streams.stream().filter(s -> s.sent() >= cap).count();
        long failed = streams.stream().filter(PeerStream::failed).count();
        return String.format(Locale.ROOT, "%.1f MB sent; %d of %d sent all %.1f MB; %d writes failed",
                total / 1e6, capped, streams.size(), cap / 1e6, failed);
    }
}
