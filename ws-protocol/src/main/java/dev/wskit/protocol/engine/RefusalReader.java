package dev.wskit.protocol.engine;

import dev.wskit.protocol.handshake.UpgradeRefusedException;
import dev.wskit.protocol.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A client's reading of the body of a response that refused the upgrade (RFC 6455 §4.1 item 1),
 * so the application learns why, within the handshake timeout, at most
 * {@link UpgradeRefusedException#MAX_BODY_BYTES}: framed as RFC 9112 §6.3 says for a response.
 * A 1xx, 204 or 304 answer has no body (RFC 9110 §6.4.1). A {@code Transfer-Encoding} ending in
 * {@code chunked} is decoded ({@link ChunkedBody}), whatever {@code Content-Length} says (§6.3
 * item 3). Else {@code Content-Length} says how long the body is. A body without either lasts until
 * the server closes (§6.3 items 4 and 8), which it may never do: the refusal then carries what
 * came with the head, rather than holding the failure until the timeout.
 */
final class RefusalReader {
    private final HttpResponse head;
    /** The decoder of a chunked body, or {@code null} when the body is not chunked. */
    private final ChunkedBody chunked;
    /** The bytes still to read before a body not chunked is complete, or the cap when it has no length. */
    private int wanted;
    /** No length: the body is what came with the head. */
    private final boolean unframed;
    private byte[] body = new byte[0];

    RefusalReader(HttpResponse head) {
        this.head = head;
        boolean hasBody = hasBody(head);
        this.chunked = hasBody && isChunked(head) ? new ChunkedBody(UpgradeRefusedException.MAX_BODY_BYTES) : null;
        this.unframed = hasBody && chunked == null
                && (head.headers().contains("Transfer-Encoding") || head.headers().all("Content-Length").isEmpty());
        this.wanted = !hasBody || chunked != null ? 0 : unframed ? UpgradeRefusedException.MAX_BODY_BYTES : length(head);
    }

    private static boolean hasBody(HttpResponse head) {
        int status = head.status();
        return status >= 200 && status != 204 && status != 304;
    }

    /** Whether {@code chunked} is the final transfer coding (RFC 9112 §6.1), which frames the body. */
    private static boolean isChunked(HttpResponse head) {
        List<String> fields = head.headers().all("Transfer-Encoding");
        if (fields.isEmpty()) {
            return false;
        }
        String codings = fields.get(fields.size() - 1);
        String last = codings.substring(codings.lastIndexOf(',') + 1).trim();
        return last.equalsIgnoreCase("chunked");
    }

    private static int length(HttpResponse head) {
        try {
            long length = Long.parseLong(head.headers().all("Content-Length").get(0).trim());
            return (int) Math.max(0, Math.min(length, UpgradeRefusedException.MAX_BODY_BYTES));
        } catch (NumberFormatException malformed) {
            return 0;
        }
    }

    /** Reads body bytes from {@code in}, none past the body; returns whether it is complete (or cut at the cap). */
    boolean receive(ByteBuffer in) {
        if (chunked != null) {
            return chunked.receive(in);
        }
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
        return new UpgradeRefusedException(head.withBodyRead(chunked != null ? chunked.decoded() : body));
    }
}
