package dev.wskit.benchmarks.attack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A valid opening request of about 6 KB (under the common 8 KiB head limit) written one byte per
 * write, with TCP_NODELAY so each byte is its own segment and, often, its own read on the
 * server. A server that re-parses the whole head on every read does quadratic work; the healthy
 * client's latency shows it. Every request should still be answered 101.
 */
final class HeadByteByByte extends Attack {
    private static final int HEAD_BYTES = 6000;

    HeadByteByByte() {
        super("head-byte-per-write", "valid 6 KB opening requests, one byte per write");
    }

    @Override
    String run(Target target, Scale scale) throws Exception {
        StringBuilder padding = new StringBuilder();
        for (int i = 0; target.requestText().length() + padding.length() < HEAD_BYTES; i++) {
            padding.append("X-Padding-").append(i).append(": ").append("p".repeat(40)).append("\r\n");
        }
        byte[] request = target.requestText().replace("\r\n\r\n", "\r\n" + padding + "\r\n").getBytes(StandardCharsets.US_ASCII);
        Fates answers = new Fates();
        long started = System.nanoTime();
        try (Peers peers = Peers.connect(target, scale.floodConnections())) {
            // Round-robin, a byte to each in turn, so all heads are under way at once.
            for (int at = 0; at < request.length; at++) {
                for (Peer peer : peers.all) {
                    peer.write(ByteBuffer.wrap(request, at, 1));
                }
            }
            for (Peer peer : peers.all) {
                String head = peer.readHead();
                answers.add(Fate.http(head.substring(9, Math.min(12, head.length()))));
            }
        }
        return answers + String.format(" (%d bytes each, %d ms for all)", request.length, (System.nanoTime() - started) / 1_000_000);
    }
}
