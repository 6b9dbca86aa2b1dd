package dev.wskit.protocol.engine;

import dev.wskit.protocol.Direction;
import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.Role;
import dev.wskit.protocol.extension.internal.MessageDeflater;
import dev.wskit.protocol.frame.FrameEncoder;
import dev.wskit.protocol.frame.FrameHeader;
import dev.wskit.protocol.frame.Opcode;
import dev.wskit.protocol.http.HttpResponse;
import java.nio.ByteBuffer;

/**
 * The sending half of a connection: encodes frames into the queue the transport drains, splits
 * large messages at the configured frame size, and keeps the sending-side rules (RFC 6455
 * §5.4: fragments of one message are not interleaved with another message; §5.5.1: nothing
 * after a close frame).
 */
final class Outbound {
    /**
     * Below this size a handed-over payload is still copied into its frame: one buffer to write
     * costs the transport less than a header and a payload written apart.
     */
    static final int MIN_UNCOPIED_PAYLOAD = 1024;
    /**
     * A server's frames: it never masks (RFC 6455 §5.1), so its encoder holds no state and one
     * serves every connection, and every prepared message.
     */
    static final FrameEncoder SERVER_FRAMES = new FrameEncoder(Role.SERVER, null);

    private final FrameEncoder encoder;
    private final int maxFrameSize;
    private final OutboundQueue queue = new OutboundQueue();
    /** Opcode of a message being sent in pieces, {@link Opcode#CONTINUATION} when none is. */
    private int messageOpcode = Opcode.CONTINUATION;
    private boolean closeSent;
    /** Set once permessage-deflate is agreed (RFC 7692). */
    private MessageDeflater deflater;
    private int compressionThreshold;
    private boolean messageCompressed;
    /** Data messages sent whole so far: a plain field, counted whether or not anyone asks. */
    private long messagesSent;
    /** Told each message's size, or {@code null} when nobody listens for it. */
    private ConnectionObserver messageObserver;
    /** Payload bytes of the message being sent so far, counted only for {@link #messageObserver}. */
    private long messageBytes;

    Outbound(FrameEncoder encoder, int maxFrameSize) {
        this.encoder = encoder;
        this.maxFrameSize = maxFrameSize;
    }

    /** From now on each message sent is told to {@code messageObserver} ({@code null}: to nobody). */
    void reportMessagesTo(ConnectionObserver messageObserver) {
        this.messageObserver = messageObserver;
    }

    /** Data messages whose last piece was queued. */
    long messagesSent() {
        return messagesSent;
    }

    /** Bytes that are not frames: the handshake request, or an interim response. */
    void queue(ByteBuffer bytes) {
        queue.add(bytes);
    }

    /** A server's answer to a request: its bytes, and the response itself for {@link #answerOfPolled()}. */
    void queueAnswer(HttpResponse answer) {
        queue.add(answer.encode(), answer);
    }

    /** From now on messages of at least {@code threshold} bytes are compressed. */
    void compressWith(MessageDeflater deflater, int threshold) {
        this.deflater = deflater;
        this.compressionThreshold = threshold;
    }

    /**
     * RFC 6455 §5.4: the pieces of one message are not interleaved with another message.
     *
     * @throws IllegalStateException when a message of another type is being sent in pieces
     */
    void checkCanSend(int opcode) {
        if (messageOpcode != Opcode.CONTINUATION && messageOpcode != opcode) {
            throw new IllegalStateException("a " + Opcode.name(messageOpcode)
                    + " message is being sent in pieces; finish it first (RFC 6455 §5.4)");
        }
    }

    /** Queues frames holding a copy of {@code payload} (position to limit, left unchanged). */
    void queueData(int opcode, ByteBuffer payload, boolean last) {
        queuePiece(opcode, payload, last, false, null);
    }

    /**
     * Queues frames whose payloads are {@code payload} itself, handed over by the caller: no copy
     * unless it is small, compressed, or must be masked and is read-only. {@code release} (may be
     * {@code null}) runs once {@code payload}'s memory is no longer needed: here when it was
     * copied, else after the transport wrote it or the queue was dropped.
     */
    void transferData(int opcode, ByteBuffer payload, boolean last, PayloadRelease release) {
        queuePiece(opcode, payload, last, true, release);
    }

    private void queuePiece(int opcode, ByteBuffer payload, boolean last, boolean handedOver, PayloadRelease release) {
        checkCanSend(opcode);
        boolean firstPiece = messageOpcode == Opcode.CONTINUATION;
        if (firstPiece) {
            // RFC 7692 §6: compression is chosen per message, on its first piece.
            messageCompressed = deflater != null && payload.remaining() >= compressionThreshold;
        }
        if (messageObserver != null) {
            // Before compression: the size the application sent (RFC 7692 §6).
            messageBytes += payload.remaining();
        }
        // The deflater's output lies in its own buffer, reused by the next message: always copied.
        ByteBuffer data = messageCompressed ? deflater.compress(payload, last) : payload;
        boolean inPlace = handedOver && !messageCompressed && data.remaining() >= MIN_UNCOPIED_PAYLOAD
                && !(encoder.masks() && data.isReadOnly());
        // RFC 7692 §6.1: RSV1 marks the first frame of a compressed message, and only that one.
        int rsvBits = firstPiece && messageCompressed ? FrameHeader.B0_RSV1 : 0;
        int frameOpcode = firstPiece ? opcode : Opcode.CONTINUATION;
        if (data.remaining() <= maxFrameSize) {
            queueFrame(last, rsvBits, frameOpcode, data, inPlace, release);
        } else {
            ByteBuffer rest = data.duplicate();
            do {
                int length = Math.min(maxFrameSize, rest.remaining());
                boolean lastOfPiece = length == rest.remaining();
                // Only the last frame carries the release: written last, it frees the whole payload.
                queueFrame(last && lastOfPiece, rsvBits, frameOpcode, rest.slice(rest.position(), length), inPlace,
                        lastOfPiece ? release : null);
                rest.position(rest.position() + length);
                frameOpcode = Opcode.CONTINUATION;
                rsvBits = 0;
            } while (rest.hasRemaining());
        }
        messageOpcode = last ? Opcode.CONTINUATION : opcode;
        if (last) {
            messageSent();
        }
        if (release != null && !inPlace) {
            release.release();
        }
    }

    /**
     * Queues {@code message}'s frame shared with every other connection it goes to: no copy, no
     * encoding. Returns false, queuing nothing, where this connection needs frames of its own:
     * masked (a client's, RFC 6455 §5.3), smaller than the message, or compressed against a
     * window kept from earlier messages (RFC 7692 §7.1.1).
     *
     * @throws IllegalStateException while a message is being sent in pieces (RFC 6455 §5.4)
     */
    boolean queuePrepared(PreparedMessage message) {
        if (messageOpcode != Opcode.CONTINUATION) {
            throw new IllegalStateException("a " + Opcode.name(messageOpcode)
                    + " message is being sent in pieces; finish it first (RFC 6455 §5.4)");
        }
        if (encoder.masks() || message.size() > maxFrameSize) {
            return false;
        }
        ByteBuffer frame;
        if (deflater != null && message.size() >= compressionThreshold) {
            if (!deflater.compressesEachMessageAlone()) {
                return false;
            }
            frame = message.compressedFrame(deflater);
        } else {
            frame = message.frame();
        }
        queue.add(frame);
        messageBytes += message.size();
        messageSent();
        return true;
    }

    private void messageSent() {
        messagesSent++;
        if (messageObserver != null) {
            messageObserver.message(Direction.OUT, messageBytes);
        }
        messageBytes = 0;
    }

    /** A header then the payload where it lies, or one new buffer holding both. */
    private void queueFrame(boolean fin, int rsvBits, int opcode, ByteBuffer payload, boolean inPlace, PayloadRelease release) {
        if (!inPlace) {
            queue.add(encoder.encode(fin, rsvBits, opcode, payload));
            return;
        }
        queue.add(encoder.encodeHeader(fin, rsvBits, opcode, payload));
        if (release != null) {
            queue.add(payload, release);
        } else {
            queue.add(payload);
        }
    }

    void queueControl(int opcode, ByteBuffer payload) {
        FrameEncoder.checkControlPayload(payload);
        queue.add(encoder.encode(true, 0, opcode, payload));
    }

    void queuePong(ByteBuffer payload) {
        queue.addPong(encoder.encode(true, 0, Opcode.PONG, payload));
    }

    void queueClose(ByteBuffer payload) {
        queueControl(Opcode.CLOSE, payload);
        closeSent = true;
    }

    boolean closeSent() {
        return closeSent;
    }

    ByteBuffer poll() {
        return queue.poll();
    }

    PayloadRelease releaseOfPolled() {
        return queue.releaseOfPolled();
    }

    HttpResponse answerOfPolled() {
        return queue.answerOfPolled();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    long pendingBytes() {
        return queue.pendingBytes();
    }

    /** Frees the compressor's native memory; nothing is sent after a close. */
    void releaseCompression() {
        if (deflater != null) {
            deflater.release();
            deflater = null;
        }
    }

    /** The connection is gone: what was not written never will be. */
    void discard() {
        queue.clear();
    }
}
