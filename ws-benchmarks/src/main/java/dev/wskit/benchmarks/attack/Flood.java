package dev.wskit.benchmarks.attack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * A few connections, each sending {@code prefix} and then {@code unit} over and over, never
 * reading, for as long as the hold lasts or until {@link Scale#floodBytes()} are sent. Writes
 * never block: a server that stops reading (backpressure) simply stops the flood, and the report
 * says how much it took. The floods: pings (whose pongs pile up unread), 1-byte and empty
 * fragments of a message that never ends, close frames after a close, and large messages whose
 * echoes are never read.
 */
final class Flood implements Attack {
    private static final int UNITS_PER_WRITE = 1024;

    private final String name;
    private final String description;
    private final byte[] prefix;
    private final byte[] units;

    private Flood(String name, String description, byte[] prefix, byte[] unit) {
        this.name = name;
        this.description = description;
        this.prefix = prefix;
        // Many units per write, so the flood is not limited by system calls.
        this.units = Frames.repeated(unit, Math.max(1, Math.min(UNITS_PER_WRITE, (1 << 20) / unit.length)));
    }

    /** Pings with the largest control payload (RFC 6455 §5.5: 125 bytes); each asks for a pong. */
    static Flood pings() {
        return new Flood("ping-flood", "pings of 125 bytes, pongs never read",
                new byte[0], Frames.frame(Frames.FIN | Frames.PING, new byte[125]));
    }

    /** One text message of 1-byte fragments (§5.4) that never ends: per-fragment overhead. */
    static Flood tinyFragments() {
        return new Flood("tiny-fragments", "one message of 1-byte continuation frames, never finished",
                Frames.frame(Frames.TEXT, new byte[] {'a'}), Frames.frame(Frames.CONTINUATION, new byte[] {'a'}));
    }

    /** Empty continuation frames: a message that grows by nothing, frame after frame. */
    static Flood emptyFrames() {
        return new Flood("empty-frame-flood", "one message of empty continuation frames, never finished",
                Frames.frame(Frames.TEXT, new byte[0]), Frames.frame(Frames.CONTINUATION, new byte[0]));
    }

    /** A close (§5.5.1), then more closes: after its close a peer must send nothing (§5.5.1). */
    static Flood closesAfterClose() {
        byte[] close = Frames.frame(Frames.FIN | Frames.CLOSE, new byte[] {0x03, (byte) 0xe8});
        return new Flood("close-after-close", "a close frame (1000), then close frames without end", close, close);
    }

    /** Whole 1 MiB messages whose echoes the peer never reads: the server's send side fills. */
    static Flood neverReads() {
        return new Flood("never-reads", "1 MiB binary messages, echoes never read",
                new byte[0], Frames.frame(Frames.FIN | Frames.BINARY, new byte[1 << 20]));
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
        try (Peers peers = Peers.open(target, target.handshake(), scale.floodConnections())) {
            long[] sent = new long[peers.all.size()];
            boolean[] failed = new boolean[sent.length];
            ByteBuffer[] out = new ByteBuffer[sent.length];
            for (int i = 0; i < out.length; i++) {
                peers.all.get(i).write(prefix);
                peers.all.get(i).nonBlocking();
                out[i] = ByteBuffer.wrap(units);
            }
            long deadline = System.nanoTime() + scale.holdMillis() * 1_000_000;
            boolean progress = true;
            while (System.nanoTime() < deadline) {
                if (!progress) {
                    Thread.sleep(1); // every socket full: the server is not reading
                }
                progress = false;
                for (int i = 0; i < out.length; i++) {
                    if (failed[i] || sent[i] >= scale.floodBytes()) {
                        continue;
                    }
                    try {
                        int n = peers.all.get(i).channel.write(out[i]);
                        sent[i] += n;
                        progress |= n > 0;
                    } catch (IOException e) {
                        failed[i] = true; // the server dropped it; its fate says how
                    }
                    if (!out[i].hasRemaining()) {
                        out[i].rewind();
                    }
                }
            }
            return peers.fates() + " (" + summary(sent, failed, scale.floodBytes()) + ")";
        }
    }

    private static String summary(long[] sent, boolean[] failed, long cap) {
        long total = 0;
        int capped = 0;
        int failures = 0;
        for (int i = 0; i < sent.length; i++) {
            total += sent[i];
            capped += sent[i] >= cap ? 1 : 0;
            failures += failed[i] ? 1 : 0;
        }
        return String.format(Locale.ROOT, "%.1f MB sent; %d of %d reached the cap; %d writes failed",
                total / 1e6, capped, sent.length, failures);
    }
}
