package dev.wskit.protocol.engine;

import dev.wskit.protocol.handshake.UpgradeRefusedException;
import dev.wskit.protocol.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A client's reading of the body of a response that refused the upgrade (RFC 6455 §4.1 item 1),
 * so the application learns why: as long as {@code Content-Length} says, within the handshake
 * timeout, at most {@link UpgradeRefusedException#MAX_BODY_BYTES}. A body without a length lasts
 * until the server closes (RFC 9112 §6.3), which it may never do: the refusal then carries what
 * came with the head, rather than holding the failure until the timeout. A 1xx, 204 or 304 answer
 * has no body (RFC 9110 §6.4.1), and a chunked one is not decoded: its body is left unread.
 */
final class RefusalReader {
    private final HttpResponse head;
    /** The bytes still to read before the body is complete, or the cap when it has no length. */
    private int wanted;
    /** No length: the body is what came with the head. */
    private final boolean unframed;
    private byte[] body = new byte[0];

    RefusalReader(HttpResponse head) {
        this.head = head;
        this.wanted = bodyLength(head);
        this.unframed = hasBody(head) && head.headers().all("Content-Length").isEmpty();
    }

    private static boolean hasBody(HttpResponse head) {
        int status = head.status();
        return status >= 200 && status != 204 && status != 304 && !head.headers().contains("Transfer-Encoding");
    }

    private static int bodyLength(HttpResponse head) {
        if (!hasBody(head)) {
            return 0;
        }
        List<String> lengths = head.headers().all("Content-Length");
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
        return wanted == 0 || unframed;
    }

    /** The refusal, with the body read so far: all of it once {@link #receive} said so. */
    UpgradeRefusedException refusal() {
        return new UpgradeRefusedException(head.withBodyRead(body));
    }
}
