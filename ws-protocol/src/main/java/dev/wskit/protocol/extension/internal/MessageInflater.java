package dev.wskit.protocol.extension.internal;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses incoming permessage-deflate messages (RFC 7692 §7.2.2) piece by piece, into a
 * small fixed buffer handed to a {@link Sink} as it fills. Memory stays bounded however far a
 * payload inflates: the sink enforces the message limit, so a decompression bomb fails as soon
 * as it passes it. One per connection.
 *
 * <p>As in {@link MessageDeflater}, the zlib state exists only while it is needed: made by the
 * first compressed message, and freed after each message when the peer agreed to no context
 * takeover (its next message cannot refer to this one, RFC 7692 §7.1.1). {@link #release()}
 * frees it for good.
 */
public final class MessageInflater {
    /** RFC 7692 §7.2.2: the tail the sender removed, appended again at the end of each message. */
    private static final byte[] EMPTY_BLOCK_TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};
    private static final int OUTPUT_BYTES = 8 * 1024;

    /** Receives inflated bytes; the buffer is a view valid during the call. */
    @FunctionalInterface
    public interface Sink {
        void accept(ByteBuffer inflated);
    }

    private final boolean peerNoContextTakeover;
    /** {@code null} until a compressed message arrives, and between messages with no context takeover. */
    private Inflater inflater;
    private boolean released;
    /** Made and freed with {@link #inflater}: an idle connection holds neither. */
    private byte[] output;
    /**
     * The message's DEFLATE stream ended with a final block: what follows in the message (the
     * padding octet RFC 7692 §7.2.3.4 puts there, and the tail) is not DEFLATE data and is
     * skipped, however the payload was cut into reads.
     */
    private boolean streamEnded;

    /**
     * @param peerNoContextTakeover whether the peer starts each message from an empty window (its
     *                              side's {@code *_no_context_takeover}, RFC 7692 §7.1.1)
     */
    public MessageInflater(boolean peerNoContextTakeover) {
        this.peerNoContextTakeover = peerNoContextTakeover;
    }

    /**
     * Inflates the compressed bytes at absolute {@code [from, to)} of {@code in}.
     *
     * @throws IllegalStateException after {@link #release()}
     */
    public void inflate(ByteBuffer in, int from, int to, Sink sink) {
        if (streamEnded) {
            return;
        }
        inflater().setInput(in.slice(from, to - from));
        drain(sink);
    }

    /** The message's last frame ended: inflate what the tail releases. */
    public void finishMessage(Sink sink) {
        if (!streamEnded) {
            inflater().setInput(EMPTY_BLOCK_TAIL);
            drain(sink);
        }
        streamEnded = false;
        if (peerNoContextTakeover) {
            freeState();
        }
    }

    /** Whether the zlib state is held now: between messages only with the peer's context takeover. */
    public boolean holdsState() {
        return inflater != null;
    }

    private void drain(Sink sink) {
        try {
            while (true) {
                int length = inflater.inflate(output);
                if (length > 0) {
                    sink.accept(ByteBuffer.wrap(output, 0, length));
                } else if (inflater.finished()) {
                    // The sender ended the stream with a final block (RFC 7692 §7.2.3.4 allows
                    // it); the next message starts a new stream.
                    inflater.reset();
                    streamEnded = true;
                    return;
                } else if (inflater.needsInput()) {
                    return;
                } else {
                    throw new DataFormatException("a preset dictionary is not part of permessage-deflate");
                }
            }
        } catch (DataFormatException e) {
            throw new WebSocketException(ProtocolViolation.INVALID_COMPRESSED_DATA, String.valueOf(e.getMessage()), e);
        }
    }

    /** Frees the native memory; the inflater is unusable afterwards. */
    public void release() {
        released = true;
        freeState();
    }

    private Inflater inflater() {
        if (inflater == null) {
            if (released) {
                throw new IllegalStateException("the inflater was released");
            }
            inflater = new Inflater(true);
            output = new byte[OUTPUT_BYTES];
        }
        return inflater;
    }

    private void freeState() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
            output = null;
        }
    }
}
