package dev.wskit.protocol.engine;

import dev.wskit.protocol.handshake.UpgradeRefusedException;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A client's reading of the body of a response that refused the upgrade (RFC 6455 §4.1 item 1),
 * so the application learns why: as long as {@code Content-Length} says, or, without one, until
 * the server closes (RFC 9112 §6.3), at most {@link UpgradeRefusedException#MAX_BODY_BYTES} either
 * way; the handshake timeout bounds the wait. A 1xx, 204 or 304 answer has no body (RFC 9110
 * §6.4.1), and a chunked one is not decoded: its body is left unread.
 */
final class RefusalReader {
    private final HttpResponse head;
    /** The bytes still to read before the body is complete, or the cap when it ends at close. */
    private int wanted;
    private byte[] body = new byte[0];

    RefusalReader(HttpResponse head) {
        this.head = head;
        this.wanted = bodyLength(head);
    }

    private static int bodyLength(HttpResponse head) {
        int status = head.status();
        HttpHeaders headers = head.headers();
        if (status < 200 || status == 204 || status == 304 || headers.contains("Transfer-Encoding")) {
            return 0;
        }
        List<String> lengths = headers.all("Content-Length");
        if (lengths.isEmpty()) {
            return UpgradeRefusedException.MAX_BODY_BYTES;
        }
        try {
            long length = Long.parseLong(lengths.get(0).trim());
            return (int) Math.max(0, Math.min(length, UpgradeRefusedException.MAX_BODY_BYTES));
        } catch (NumberFormatException malformed) {
            return 0;
        }
    }

    /** Reads body bytes from {@code in}, none past the body; returns whether it is complete (or cut at the cap). */
    boolean receive(ByteBuffer in) {
        int taken = Math.min(wanted, in.remaining());
        if (taken > 0) {
            int had = body.length;
            body = Arrays.copyOf(body, had + taken);
            in.get(body, had, taken);
            wanted -= taken;
        }
        return wanted == 0;
    }

    /** The refusal, with the body read so far: all of it once {@link #receive} said so. */
    UpgradeRefusedException refusal() {
        return new UpgradeRefusedException(head.withBodyRead(body));
    }
}
