package dev.wskit.benchmarks.attack;

import dev.wskit.benchmarks.load.Handshake;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * An opening request with a body (RFC 6455 §4.1 requires a GET and says nothing of a body;
 * RFC 9110 gives a GET body no meaning): {@code Content-Length} covering one masked text frame.
 * A server that upgrades and then reads the body as the first WebSocket frame lets whatever sits
 * in front of it (a proxy that forwarded the body as HTTP) smuggle frames through. Refusing the
 * request, or upgrading and discarding the body, are the safe answers.
 */
final class UpgradeWithBody extends Attack {
    private static final String SMUGGLED = "smuggled";

    UpgradeWithBody() {
        super("upgrade-with-body", "an upgrade request whose Content-Length body is a WebSocket text frame");
    }

    @Override
    String run(Target target, Scale scale) throws Exception {
        byte[] body = Frames.frame(Frames.FIN | Frames.TEXT, SMUGGLED.getBytes(StandardCharsets.US_ASCII));
        Handshake request = target.handshake("Content-Length: " + body.length + "\r\n");
        try (Peer peer = Peer.connect(target)) {
            peer.write(request.request());
            peer.write(body);
            String head = peer.readHead();
            if (!head.startsWith("HTTP/1.1 101")) {
                return "http " + head.substring(9, Math.min(12, head.length()));
            }
            return echoedBody(peer) ? "upgraded, body read as a frame (echoed back)" : "upgraded, body ignored";
        }
    }

    /** Whether an echo of the smuggled text comes within a second. */
    private static boolean echoedBody(Peer peer) throws IOException {
        peer.channel.socket().setSoTimeout(1000);
        byte[] in = new byte[64];
        int n;
        try {
            n = peer.channel.socket().getInputStream().read(in);
        } catch (SocketTimeoutException e) {
            return false;
        }
        return n > 2 && new String(in, 2, n - 2, StandardCharsets.US_ASCII).contains(SMUGGLED);
    }
}
