package dev.wskit.protocol;

import dev.wskit.protocol.frame.FrameEncoder;
import dev.wskit.protocol.frame.FrameHeader;
import dev.wskit.protocol.frame.Opcode;
import dev.wskit.protocol.extension.MessageDeflater;
import dev.wskit.protocol.internal.OutboundQueue;
import java.nio.ByteBuffer;

/**
 * The sending half of a connection: encodes frames into the queue the transport drains, splits
 * large messages at the configured frame size, and keeps the sending-side rules (RFC 6455
 * §5.4: fragments of one message are not interleaved with another message; §5.5.1: nothing
 * after a close frame).
 */
final class Outbound {
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

    Outbound(FrameEncoder encoder, int maxFrameSize) {
        this.encoder = encoder;
        this.maxFrameSize = maxFrameSize;
    }

    /** Bytes that are not frames: the handshake request or response. */
    void queue(ByteBuffer bytes) {
        queue.add(bytes);
    }

    /** From now on messages of at least {@code threshold} bytes are compressed. */
    void compressWith(MessageDeflater deflater, int threshold) {
        this.deflater = deflater;
        this.compressionThreshold = threshold;
    }

    void queueData(int opcode, ByteBuffer payload, boolean last) {
        if (messageOpcode != Opcode.CONTINUATION && messageOpcode != opcode) {
            throw new IllegalStateException("a " + Opcode.name(messageOpcode)
                    + " message is being sent in pieces; finish it first (RFC 6455 §5.4)");
        }
        boolean firstPiece = messageOpcode == Opcode.CONTINUATION;
        if (firstPiece) {
            // RFC 7692 §6: compression is chosen per message, on its first piece.
            messageCompressed = deflater != null && payload.remaining() >= compressionThreshold;
        }
        ByteBuffer rest = messageCompressed ? deflater.compress(payload, last) : payload.duplicate();
        // RFC 7692 §6.1: RSV1 marks the first frame of a compressed message, and only that one.
        int rsvBits = firstPiece && messageCompressed ? FrameHeader.B0_RSV1 : 0;
        int frameOpcode = firstPiece ? opcode : Opcode.CONTINUATION;
        do {
            int length = Math.min(maxFrameSize, rest.remaining());
            boolean lastFrame = last && length == rest.remaining();
            queue.add(encoder.encode(lastFrame, rsvBits, frameOpcode, rest.slice(rest.position(), length)));
            rest.position(rest.position() + length);
            frameOpcode = Opcode.CONTINUATION;
            rsvBits = 0;
        } while (rest.hasRemaining());
        messageOpcode = last ? Opcode.CONTINUATION : opcode;
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
