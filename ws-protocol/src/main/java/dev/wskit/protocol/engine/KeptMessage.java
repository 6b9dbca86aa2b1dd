package dev.wskit.protocol.engine;

import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.frame.Opcode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A received message taken over by the application, so that it outlives the handler's call:
 * {@link #take} inside {@link WebSocketHandler#onText} or {@link WebSocketHandler#onBinary}, then
 * keep it, read it, or {@link #forwardTo} a connection (the same one for an echo, another for a
 * relay) without a copy.
 *
 * <p>No copy where the bytes allow it: a message reassembled from fragments or inflated hands
 * over the engine's own array, and one that arrived whole in one read is the transport's read
 * buffer itself, retained (a Netty transport's pooled buffer gains a reference). A message of
 * fewer than {@value #MIN_UNCOPIED_SIZE} bytes, or one whose read buffer the transport cannot
 * give away, is copied: for so few bytes a copy costs less than holding a read buffer. So an echo
 * or relay of small messages is faster sending the handler's view (copied once, into its frame)
 * than keeping them (copied twice): keep a small message only when it must outlive the call. A
 * large message reassembled from several reads is a heap array, which a Netty transport copies
 * into direct memory to write it: forwarding it saves no copy there.
 *
 * <p>Ownership: whoever holds a kept message must end it exactly once, by {@link #forwardTo}
 * (which takes it over, whatever it answers) or by {@link #release}. Until then it may pin a
 * pooled buffer of the transport. Safe to hand between threads; not for two threads at once.
 */
public final class KeptMessage {
    /** Below this size a kept message is a copy; see the class comment. */
    public static final int MIN_UNCOPIED_SIZE = Outbound.MIN_UNCOPIED_PAYLOAD;

    private static final PayloadRelease NOTHING = () -> { };

    private final int opcode;
    private final ByteBuffer data;
    /** What frees the bytes; {@code null} once released or forwarded. */
    private PayloadRelease release;

    private KeptMessage(int opcode, ByteBuffer data, PayloadRelease release) {
        this.opcode = opcode;
        this.data = data;
        this.release = release;
    }

    /** A message whose bytes are the heap's own: the garbage collector frees them. */
    static KeptMessage owned(int opcode, ByteBuffer data) {
        return new KeptMessage(opcode, data, NOTHING);
    }

    /** A message whose bytes the transport must be told to free. */
    static KeptMessage retained(int opcode, ByteBuffer data, PayloadRelease release) {
        return new KeptMessage(opcode, data, release);
    }

    /**
     * Takes over the message {@code socket} is delivering.
     *
     * @param socket the connection whose {@code onText} or {@code onBinary} is running on this
     *     thread
     * @return the message, owned by the caller from now on
     * @throws IllegalStateException outside {@code onText} / {@code onBinary} of {@code socket}
     *     (messages delivered in fragments are not kept: each piece is the caller's to copy), or
     *     when this message was taken already
     * @throws IllegalArgumentException when {@code socket} is not one of wskit's connections
     */
    public static KeptMessage take(WebSocket socket) {
        if (socket instanceof MessageKeeper keeper) {
            return keeper.keepMessage();
        }
        throw new IllegalArgumentException(socket.getClass().getName() + " cannot hand over its messages");
    }

    /**
     * Whether this is a text message: its bytes are then valid UTF-8, checked on arrival
     * (RFC 6455 §8.1).
     *
     * @return {@code true} for text, {@code false} for binary
     */
    public boolean isText() {
        return opcode == Opcode.TEXT;
    }

    /**
     * The message's bytes, read-only; a new view each call.
     *
     * @return the payload from position 0 to its size
     * @throws IllegalStateException once released or forwarded
     */
    public ByteBuffer data() {
        checkHeld();
        return data.asReadOnlyBuffer();
    }

    /**
     * The payload's length.
     *
     * @return how many bytes the message has
     */
    public int size() {
        return data.remaining();
    }

    /**
     * A text message's characters (a decoding copy).
     *
     * @return the text
     * @throws IllegalStateException for a binary message, or once released or forwarded
     */
    public String text() {
        if (!isText()) {
            throw new IllegalStateException("a binary message has no text");
        }
        return StandardCharsets.UTF_8.decode(data()).toString();
    }

    /**
     * Sends this message, as it came (text or binary, one whole message), on {@code socket}
     * without copying it where the connection allows (a client's connection masks a copy, RFC
     * 6455 §5.3). Callable from any thread. The message is {@code socket}'s from this call on,
     * sent or not.
     *
     * @param socket the connection to send on
     * @return {@code true} when queued, {@code false} when refused because the connection is
     *     closing or closed
     * @throws IllegalStateException once released or forwarded, or while {@code socket} is
     *     sending another message in pieces (RFC 6455 §5.4)
     */
    public boolean forwardTo(WebSocket socket) {
        Objects.requireNonNull(socket, "socket");
        checkHeld();
        if (socket instanceof MessageKeeper keeper) {
            return keeper.forward(this);
        }
        try {
            return isText() ? socket.sendText(text(), true) : socket.sendBinary(data(), true);
        } finally {
            release();
        }
    }

    /**
     * Frees the message's bytes, unless it was released or forwarded before.
     *
     * @return {@code true} when this call freed them, {@code false} when they were already given up
     */
    public boolean release() {
        PayloadRelease held = release;
        if (held == null) {
            return false;
        }
        release = null;
        held.release();
        return true;
    }

    /**
     * For a connection that forwards it: the payload and what frees it; the message is given up.
     *
     * @return what frees the payload once written or refused, exactly once
     */
    PayloadRelease handOver() {
        checkHeld();
        PayloadRelease held = release;
        release = null;
        return held;
    }

    int opcode() {
        return opcode;
    }

    /** The payload itself, for the connection it is forwarded to. */
    ByteBuffer payload() {
        return data.duplicate();
    }

    private void checkHeld() {
        if (release == null) {
            throw new IllegalStateException("this message was released or forwarded already");
        }
    }
}
