package dev.wskit.benchmarks.attack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Opening requests far past any sensible head limit (RFC 6455 §4.1 sets none; servers do):
 * either very many small headers or one very large header, up to 1 MiB per connection, written
 * as fast as the server reads. The right answer is an HTTP error (431 or 400) or a closed
 * connection once the server's limit is reached, not a buffer of the whole head.
 */
final class HeaderFlood implements Attack {
    private static final int HEAD_BYTES = 1 << 20;

    private final String name;
    private final String description;
    private final byte[] head;

    private HeaderFlood(String name, String description, byte[] head) {
        this.name = name;
        this.description = description;
        this.head = head;
    }

    static HeaderFlood manyHeaders(Target target) {
        StringBuilder head = start(target);
        for (int i = 0; head.length() < HEAD_BYTES; i++) {
            head.append("X-Header-").append(i).append(": value-").append(i).append("\r\n");
        }
        return new HeaderFlood("headers-many", "opening requests of 1 MiB of small headers", bytes(head.append("\r\n")));
    }

    static HeaderFlood largeHeader(Target target) {
        StringBuilder head = start(target).append("X-Large: ");
        while (head.length() < HEAD_BYTES) {
            head.append('a');
        }
        return new HeaderFlood("header-large", "opening requests with one 1 MiB header", bytes(head.append("\r\n\r\n")));
    }

    private static StringBuilder start(Target target) {
        return new StringBuilder(target.requestText().replace("\r\n\r\n", "\r\n"));
    }

    private static byte[] bytes(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.US_ASCII);
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
        try (Peers peers = Peers.connect(target, scale.floodConnections())) {
            ByteBuffer[] out = new ByteBuffer[peers.all.size()];
            for (int i = 0; i < out.length; i++) {
                peers.all.get(i).nonBlocking();
                out[i] = ByteBuffer.wrap(head);
            }
            long deadline = System.nanoTime() + scale.holdMillis() * 1_000_000;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < out.length; i++) {
                    try {
                        peers.all.get(i).channel.write(out[i]);
                    } catch (IOException e) {
                        out[i].position(out[i].limit()); // dropped: its fate says how
                    }
                }
                Thread.sleep(1);
            }
            long written = 0;
            for (ByteBuffer buffer : out) {
                written += buffer.position();
            }
            return peers.fates() + String.format(" (%.1f of %.1f MB written)", written / 1e6, out.length * head.length / 1e6);
        }
    }
}
