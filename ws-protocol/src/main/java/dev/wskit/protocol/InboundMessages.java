package dev.wskit.protocol;

import dev.wskit.protocol.frame.FrameRules;
import dev.wskit.protocol.frame.Opcode;
import dev.wskit.protocol.internal.MessageBuffer;
import dev.wskit.protocol.text.Utf8Validator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns data frames into the handler's message events (RFC 6455 §5.4, §5.6): fragments joined
 * or streamed as {@link MessageDelivery} says, text validated as it arrives (RFC 6455 §8.1),
 * the message size bounded. A message that arrives whole in one read reaches the handler as a
 * view of the read buffer, with no copy.
 */
final class InboundMessages {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final WebSocketHandler handler;
    private final MessageDelivery delivery;
    private final int maxMessageSize;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final MessageBuffer buffer = new MessageBuffer();

    /** Opcode of the message in progress, {@link Opcode#CONTINUATION} when none is. */
    private int messageOpcode = Opcode.CONTINUATION;
    private long messageSize;
    private boolean frameFin;
    private boolean delivered;

    InboundMessages(WebSocketHandler handler, WebSocketConfig config) {
        this.handler = handler;
        this.delivery = config.delivery();
        this.maxMessageSize = config.maxMessageSize();
    }

    /** A data frame header arrived. */
    void startFrame(int opcode, boolean fin, long payloadLength) {
        FrameRules.checkContinuationHasMessage(opcode, messageOpcode != Opcode.CONTINUATION);
        if (opcode != Opcode.CONTINUATION) {
            messageOpcode = opcode;
            messageSize = 0;
            utf8.reset();
        }
        frameFin = fin;
        delivered = false;
        messageSize += payloadLength;
        // Checked at the header, so an oversized message fails before its payload is awaited.
        if (delivery == MessageDelivery.WHOLE && messageSize > maxMessageSize) {
            throw new WebSocketException(ProtocolViolation.MESSAGE_TOO_BIG,
                    "at least " + messageSize + " bytes, limit " + maxMessageSize);
        }
    }

    /** A piece of payload lies unmasked in {@code in} at [from, to). */
    void payload(WebSocket socket, ByteBuffer in, int from, int to, boolean frameComplete) {
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
        } else if (last && buffer.size() == 0 && to - from == messageSize) {
            deliverWhole(socket, in, from, to);
            delivered = true;
        } else {
            buffer.append(in, from, to);
        }
    }

    /** The current data frame ended. */
    void endFrame(WebSocket socket) {
        if (!frameFin) {
            return;
        }
        if (!delivered) {
            checkTextComplete();
            if (delivery == MessageDelivery.FRAGMENTS) {
                deliverFragment(socket, EMPTY, true);
            } else {
                ByteBuffer whole = ByteBuffer.wrap(buffer.array(), 0, buffer.size());
                deliverWhole(socket, whole, 0, buffer.size());
            }
        }
        messageOpcode = Opcode.CONTINUATION;
        buffer.clear();
    }

    /** RFC 6455 §8.1: a text message ending inside a character is invalid. */
    private void checkTextComplete() {
        if (messageOpcode == Opcode.TEXT && !utf8.isComplete()) {
            throw new WebSocketException(ProtocolViolation.INVALID_UTF8, "text ends inside a character");
        }
    }

    private void deliverWhole(WebSocket socket, ByteBuffer in, int from, int to) {
        if (messageOpcode == Opcode.TEXT) {
            handler.onText(socket, decodeUtf8(in, from, to));
        } else {
            handler.onBinary(socket, in.slice(from, to - from));
        }
    }

    private void deliverFragment(WebSocket socket, ByteBuffer piece, boolean last) {
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
