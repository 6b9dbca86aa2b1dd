package dev.wskit.protocol.engine;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.extension.internal.MessageDeflater;
import dev.wskit.protocol.frame.FrameHeader;
import dev.wskit.protocol.frame.Opcode;
import dev.wskit.protocol.text.Utf8Encoder;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One message for many connections, encoded once: a chat line for a room, a price for every
 * subscriber. {@link #sendTo} queues the same frame bytes on each server connection, a read-only
 * view of one buffer with no copy per connection, and when permessage-deflate is agreed without
 * context takeover (RFC 7692 §7.1.1.1) the message is compressed once for all of them too.
 *
 * <p>Where the bytes cannot be shared, {@code sendTo} sends the message as {@code sendText} or
 * {@code sendBinary} would, so it is always correct to use: a client's frames are masked with a
 * fresh key each (RFC 6455 §5.3); a connection that keeps its compression context compresses
 * each message against its own window; one whose frames are smaller than the message splits it.
 *
 * <p>Immutable and safe to share between threads and connections.
 */
public final class PreparedMessage {
    private final int opcode;
    /** The payload, read-only, for connections that cannot share the frame. */
    private final ByteBuffer payload;
    private final String text;
    /** The whole uncompressed frame, in direct memory so that no transport copies it to write it. */
    private final ByteBuffer frame;
    /** The compressed frame of the last compression settings asked for; see {@link #compressedFrame}. */
    private volatile Compressed compressed;

    private record Compressed(MessageDeflater.Settings settings, ByteBuffer frame) {
    }

    private PreparedMessage(int opcode, ByteBuffer payload, String text) {
        this.opcode = opcode;
        this.payload = payload.asReadOnlyBuffer();
        this.text = text;
        // A server's frame is unmasked (RFC 6455 §5.1), so the same bytes serve every connection.
        this.frame = direct(Outbound.SERVER_FRAMES.encode(true, 0, opcode, payload));
    }

    /**
     * A text message.
     *
     * @param text the message's text, copied; not {@code null}
     * @return the message, its UTF-8 payload and its server frame encoded
     * @throws IllegalArgumentException when {@code text} is not well-formed UTF-16 (a lone
     *     surrogate), which has no UTF-8 form (RFC 6455 §5.6)
     */
    public static PreparedMessage text(CharSequence text) {
        String copy = text.toString();
        return new PreparedMessage(Opcode.TEXT, new Utf8Encoder().encode(copy, true), copy);
    }

    /**
     * A binary message holding a copy of {@code data} from its position to its limit (left
     * unchanged).
     *
     * @param data the message's bytes, from position to limit; copied, so the caller may reuse the
     *     buffer
     * @return the message, its server frame encoded
     */
    public static PreparedMessage binary(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(0, data, data.position(), data.remaining());
        return new PreparedMessage(Opcode.BINARY, copy, null);
    }

    /**
     * Whether this is a text message.
     *
     * @return {@code true} for a text message, {@code false} for a binary one
     */
    public boolean isText() {
        return opcode == Opcode.TEXT;
    }

    /**
     * The payload's size in bytes, before any compression.
     *
     * @return the payload's size in bytes, at least 0
     */
    public int size() {
        return payload.remaining();
    }

    /**
     * Sends this message on {@code socket}, from any thread, with the same answer as
     * {@code sendText} or {@code sendBinary}: false when the connection is not open.
     *
     * @param socket the connection to send on; any transport's, or the engine's own
     * @return {@code true} when queued, {@code false} when refused because the connection is
     *     closing or closed
     * @throws IllegalStateException while {@code socket} is sending a message in pieces (RFC 6455 §5.4)
     */
    public boolean sendTo(WebSocket socket) {
        if (socket instanceof PreparedSink sink) {
            return sink.sendPrepared(this);
        }
        return sendApart(socket);
    }

    /** This message through {@code socket}'s ordinary sends: its own frame, masked or compressed as it needs. */
    boolean sendApart(WebSocket socket) {
        return isText() ? socket.sendText(text) : socket.sendBinary(payload.duplicate());
    }

    int opcode() {
        return opcode;
    }

    /** A view of the uncompressed frame, its own position and limit. */
    ByteBuffer frame() {
        return frame.duplicate();
    }

    /**
     * A view of the frame compressed with {@code deflater}'s settings by a fresh zlib state, as
     * each message of a connection without context takeover is: the same bytes for every such
     * connection. Compressed once per settings; two threads asking at once may both compress, and
     * get equal bytes.
     */
    ByteBuffer compressedFrame(MessageDeflater deflater) {
        Compressed last = compressed;
        if (last == null || !last.settings().equals(deflater.settings())) {
            ByteBuffer deflated = deflater.compressAlone(payload.duplicate());
            // RFC 7692 §6.1: RSV1 marks a compressed message.
            last = new Compressed(deflater.settings(), direct(Outbound.SERVER_FRAMES.encode(true, FrameHeader.B0_RSV1, opcode, deflated)));
            compressed = last;
        }
        return last.frame().duplicate();
    }

    private static ByteBuffer direct(ByteBuffer heap) {
        ByteBuffer direct = ByteBuffer.allocateDirect(heap.remaining());
        direct.put(heap).flip();
        return direct.asReadOnlyBuffer();
    }

    @Override
    public String toString() {
        return Opcode.name(opcode) + " message of " + size() + " bytes, prepared";
    }
}
