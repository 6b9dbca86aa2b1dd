package dev.wskit.protocol.engine;

import dev.wskit.protocol.Direction;
import dev.wskit.protocol.MemoryAccount;
import dev.wskit.protocol.MessageDelivery;
import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.extension.internal.MessageInflater;
import dev.wskit.protocol.frame.FrameHeader;
import dev.wskit.protocol.frame.FrameRules;
import dev.wskit.protocol.frame.Opcode;
import dev.wskit.protocol.text.Utf8Validator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns data frames into the handler's message events (RFC 6455 §5.4, §5.6): fragments joined
 * or streamed as {@link MessageDelivery} says, text validated as it arrives (RFC 6455 §8.1),
 * the message bounded in size and in the number of frames it comes in. A message that arrives whole in one read reaches the handler as a
 * view of the read buffer, with no copy.
 */
final class InboundMessages {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    /** What is known of the inflated bytes still to come of a frame: nothing. */
    private static final long UNKNOWN_REMAINING = Long.MAX_VALUE;

    private final WebSocketHandler handler;
    private final MessageDelivery delivery;
    private final int maxMessageSize;
    private final int maxFragments;
    /** Made with the first text message: a connection that never gets one needs none. */
    private Utf8Validator utf8;
    private final MemoryAccount memory;
    /**
     * Made with the first message that must be reassembled (fragmented, or cut by the reads): most
     * arrive whole, and are delivered as views of the read buffer.
     */
    private MessageBuffer buffer;
    /** Told each message's size, or {@code null} when nobody listens for it. */
    private final ConnectionObserver messageObserver;

    /** Opcode of the message in progress, {@link Opcode#CONTINUATION} when none is. */
    private int messageOpcode = Opcode.CONTINUATION;
    /** Payload bytes of the message in progress so far: declared by its headers, or inflated. */
    private long messageSize;
    /** Frames of the message in progress so far, its first included. */
    private int fragments;
    private boolean frameFin;
    /** Whether the frame in progress is its message's first. */
    private boolean firstFrame;
    private boolean delivered;
    /** Data messages delivered whole so far: a plain field, counted whether or not anyone asks. */
    private long received;

    /** Set once permessage-deflate is agreed (RFC 7692). */
    private MessageInflater inflater;
    /** Where the inflater puts what it inflates; made with it, as only compression needs it. */
    private MessageInflater.Sink inflatedSink;
    /** Whether the message in progress is compressed (RSV1 on its first frame). */
    private boolean compressed;
    /** The socket the events of the current frame go to, for the inflater's sink. */
    private WebSocket socket;

    /** Keeps the transport's read buffers for {@link #keep}, or {@code null}: kept messages are copied. */
    private ReadBufferRetainer retainer;
    /** The buffer of the message being delivered whole, while the handler may keep it; else {@code null}. */
    private ByteBuffer delivering;
    private int deliveringFrom;
    private int deliveringTo;
    /** Where {@link #delivering} lies: the message buffer, the transport's read buffer, or neither. */
    private Source deliveringSource;

    /** Where a message delivered whole lies, which decides how it is kept without a copy. */
    private enum Source {
        /** The engine's own {@link MessageBuffer}: its array is handed over. */
        MESSAGE_BUFFER,
        /** A buffer the transport passed to {@code receive}: retained, if the transport can. */
        READ_BUFFER,
        /** Bytes the engine reuses (the inflater's output, the shared empty payload): copied. */
        BORROWED
    }

    InboundMessages(WebSocketHandler handler, WebSocketConfig config, MemoryAccount memory,
                    ConnectionObserver messageObserver) {
        this.handler = handler;
        this.messageObserver = messageObserver;
        this.delivery = config.delivery();
        this.maxMessageSize = config.maxMessageSize();
        this.maxFragments = config.maxFragmentsPerMessage();
        this.memory = memory;
    }

    /** From now on messages whose first frame has RSV1 are inflated. */
    void inflateWith(MessageInflater inflater) {
        this.inflater = inflater;
        this.inflatedSink = this::inflated;
    }

    /** From now on a message kept from a read buffer is that buffer, retained by {@code retainer}. */
    void retainReadBuffersWith(ReadBufferRetainer retainer) {
        this.retainer = retainer;
    }

    /**
     * Takes over the message being delivered whole; see {@link KeptMessage#take}.
     *
     * @throws IllegalStateException unless a message is being delivered whole and was not taken yet
     */
    KeptMessage keep() {
        ByteBuffer in = delivering;
        if (in == null) {
            throw new IllegalStateException("a message can be kept only during onText or onBinary, once"
                    + (delivery == MessageDelivery.FRAGMENTS ? " (this connection delivers fragments)" : ""));
        }
        delivering = null;
        int length = deliveringTo - deliveringFrom;
        if (deliveringSource == Source.MESSAGE_BUFFER) {
            return KeptMessage.owned(messageOpcode, buffer.handOver());
        }
        if (deliveringSource == Source.READ_BUFFER && retainer != null && length >= KeptMessage.MIN_UNCOPIED_SIZE) {
            PayloadRelease release = retainer.retain(in);
            if (release != null) {
                return KeptMessage.retained(messageOpcode, in.slice(deliveringFrom, length), release);
            }
        }
        ByteBuffer copy = ByteBuffer.allocate(length);
        copy.put(0, in, deliveringFrom, length);
        return KeptMessage.owned(messageOpcode, copy);
    }

    /** Frees the inflater's native memory and the message buffer; no message follows a close. */
    void releaseMemory() {
        if (inflater != null) {
            inflater.release();
            inflater = null;
        }
        if (buffer != null) {
            buffer.release();
        }
    }

    /** Data messages delivered whole so far (in fragments: each last one). */
    long received() {
        return received;
    }

    /** Whether a fragmented message has begun and its last fragment not arrived. */
    boolean midMessage() {
        return messageOpcode != Opcode.CONTINUATION;
    }

    /** A data frame header arrived; {@code rsvBits} were allowed by the decoder. */
    void startFrame(int opcode, boolean fin, int rsvBits, long payloadLength) {
        FrameRules.checkContinuationHasMessage(opcode, messageOpcode != Opcode.CONTINUATION);
        boolean rsv1 = (rsvBits & FrameHeader.B0_RSV1) != 0;
        if (opcode != Opcode.CONTINUATION) {
            messageOpcode = opcode;
            messageSize = 0;
            fragments = 1;
            if (opcode == Opcode.TEXT) {
                startText();
            }
            compressed = rsv1;
        } else if (rsv1) {
            throw new WebSocketException(ProtocolViolation.RESERVED_BITS_SET, "RSV1 on a continuation frame (RFC 7692 §6.1)");
        } else if (++fragments > maxFragments) {
            // In both delivery modes: empty frames grow no size, and cost a header each all the same.
            throw new WebSocketException(ProtocolViolation.TOO_MANY_FRAGMENTS,
                    "frame " + fragments + " of one message, limit " + maxFragments);
        }
        frameFin = fin;
        firstFrame = opcode != Opcode.CONTINUATION;
        delivered = false;
        if (!compressed) {
            // Checked at the header, so an oversized message fails before its payload is awaited.
            addToMessageSize(payloadLength);
        }
    }

    private void startText() {
        if (utf8 == null) {
            utf8 = new Utf8Validator();
        } else {
            utf8.reset();
        }
    }

    private void addToMessageSize(long bytes) {
        messageSize += bytes;
        if (delivery == MessageDelivery.WHOLE && messageSize > maxMessageSize) {
            throw new WebSocketException(ProtocolViolation.MESSAGE_TOO_BIG,
                    "at least " + messageSize + " bytes, limit " + maxMessageSize);
        }
    }

    /**
     * A piece of payload lies unmasked in {@code in} at [from, to), and {@code frameRemaining}
     * bytes of its frame are still to come.
     */
    void payload(WebSocket socket, ByteBuffer in, int from, int to, long frameRemaining) {
        if (compressed) {
            this.socket = socket;
            inflater.inflate(in, from, to, inflatedSink);
        } else {
            plainPayload(socket, in, from, to, frameRemaining);
        }
    }

    /** Inflated bytes count against the limit as they appear: a bomb stops at the limit (RFC 7692 §8.1). */
    private void inflated(ByteBuffer piece) {
        addToMessageSize(piece.remaining());
        plainPayload(socket, piece, piece.position(), piece.limit(), UNKNOWN_REMAINING);
    }

    private void plainPayload(WebSocket socket, ByteBuffer in, int from, int to, long frameRemaining) {
        boolean frameComplete = frameRemaining == 0;
        if (messageOpcode == Opcode.TEXT && !utf8.feed(in, from, to)) {
            throw new WebSocketException(ProtocolViolation.INVALID_UTF8);
        }
        boolean last = frameFin && frameComplete;
        if (last) {
            checkTextComplete();
        }
        if (delivery == MessageDelivery.FRAGMENTS) {
            deliverFragment(socket, in.slice(from, to - from), last);
            delivered = last;
        } else if (last && (buffer == null || buffer.size() == 0) && to - from == messageSize) {
            deliverWhole(socket, in, from, to, compressed ? Source.BORROWED : Source.READ_BUFFER);
            delivered = true;
        } else {
            // The first frame's end bounds the buffer (a large message is most often one frame);
            // later fragments grow it by doubling, so many small ones cost no copy each.
            if (buffer == null) {
                buffer = new MessageBuffer(memory);
            }
            buffer.append(in, from, to, firstFrame ? frameRemaining : UNKNOWN_REMAINING);
        }
    }

    /** The current data frame ended. */
    void endFrame(WebSocket socket) {
        if (!frameFin) {
            return;
        }
        if (compressed) {
            this.socket = socket;
            inflater.finishMessage(inflatedSink);
        }
        if (!delivered) {
            checkTextComplete();
            if (delivery == MessageDelivery.FRAGMENTS) {
                deliverFragment(socket, EMPTY, true);
            } else if (buffer == null) {
                deliverWhole(socket, EMPTY, 0, 0, Source.BORROWED);
            } else {
                ByteBuffer whole = ByteBuffer.wrap(buffer.array(), 0, buffer.size());
                deliverWhole(socket, whole, 0, buffer.size(), Source.MESSAGE_BUFFER);
            }
        }
        messageOpcode = Opcode.CONTINUATION;
        if (buffer != null) {
            buffer.clear();
        }
    }

    /** RFC 6455 §8.1: a text message ending inside a character is invalid. */
    private void checkTextComplete() {
        if (messageOpcode == Opcode.TEXT && !utf8.isComplete()) {
            throw new WebSocketException(ProtocolViolation.INVALID_UTF8, "text ends inside a character");
        }
    }

    private void deliverWhole(WebSocket socket, ByteBuffer in, int from, int to, Source source) {
        received++;
        if (messageObserver != null) {
            messageObserver.message(Direction.IN, messageSize);
        }
        delivering = in;
        deliveringFrom = from;
        deliveringTo = to;
        deliveringSource = source;
        try {
            if (messageOpcode == Opcode.TEXT) {
                handler.onText(socket, decodeUtf8(in, from, to));
            } else {
                handler.onBinary(socket, in.slice(from, to - from));
            }
        } finally {
            delivering = null;
        }
    }

    private void deliverFragment(WebSocket socket, ByteBuffer piece, boolean last) {
        if (last) {
            received++;
            if (messageObserver != null) {
                messageObserver.message(Direction.IN, messageSize);
            }
        }
        if (messageOpcode == Opcode.TEXT) {
            handler.onTextFragment(socket, piece, last);
        } else {
            handler.onBinaryFragment(socket, piece, last);
        }
    }

    /** Already validated, so decoding cannot meet a malformed sequence. */
    private static String decodeUtf8(ByteBuffer in, int from, int to) {
        if (in.hasArray()) {
            return new String(in.array(), in.arrayOffset() + from, to - from, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[to - from];
        in.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
