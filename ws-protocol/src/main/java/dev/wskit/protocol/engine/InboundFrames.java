package dev.wskit.protocol.engine;

import dev.wskit.protocol.MemoryAccount;
import dev.wskit.protocol.Role;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.extension.internal.MessageInflater;
import dev.wskit.protocol.frame.ClosePayload;
import dev.wskit.protocol.frame.FrameDecoder;
import dev.wskit.protocol.frame.FrameHeader;
import dev.wskit.protocol.frame.FrameRules;
import dev.wskit.protocol.frame.Opcode;
import java.nio.ByteBuffer;

/**
 * The reading half of an open connection: decodes frames (RFC 6455 §5.2), hands data frames to
 * {@link InboundMessages}, answers pings (§5.5.2), times and reports pongs (§5.5.3), and stops
 * at a close frame (§5.5.1), which the engine acts on. Control payloads are gathered here, as a
 * control frame may arrive in pieces like any other.
 */
final class InboundFrames {
    /** What one step of reading found. */
    enum Step {
        /** The input holds no more of the current frame. */
        NEED_MORE,
        /** A piece of a frame was read and its events delivered. */
        READ,
        /** A whole close frame was read: see {@link #close()}. */
        CLOSE
    }

    private final FrameDecoder decoder;
    private final InboundMessages messages;
    private final WebSocketHandler handler;
    private final Outbound outbound;
    private final boolean autoPong;
    /** Told each pong, which may measure the round trip. */
    private final WebSocketEngine engine;
    /** Allocated with the first control frame: many connections never get one. */
    private byte[] controlPayload;
    private int controlLength;
    private ClosePayload close;

    /** {@code messageObserver} is told each message received, or is {@code null} when nobody listens. */
    InboundFrames(Role role, WebSocketConfig config, WebSocketHandler handler, Outbound outbound, MemoryAccount memory,
                  WebSocketEngine engine, ConnectionObserver messageObserver) {
        this.decoder = new FrameDecoder(role, config.maxFramePayload());
        this.messages = new InboundMessages(handler, config, memory, messageObserver);
        this.handler = handler;
        this.outbound = outbound;
        this.autoPong = config.autoPong();
        this.engine = engine;
    }

    /** See {@link InboundMessages#retainReadBuffersWith}. */
    void retainReadBuffersWith(ReadBufferRetainer retainer) {
        messages.retainReadBuffersWith(retainer);
    }

    /** See {@link InboundMessages#keep}. */
    KeptMessage keepMessage() {
        return messages.keep();
    }

    /** Permessage-deflate was agreed (RFC 7692 §6): RSV1 marks a compressed message from now on. */
    void inflateWith(MessageInflater inflater) {
        messages.inflateWith(inflater);
        decoder.allowReservedBits(FrameHeader.B0_RSV1);
        decoder.allowDeflateExpansion();
    }

    /** Whether the peer is in the middle of a frame or of a fragmented message. */
    boolean midMessage() {
        return decoder.midFrame() || messages.midMessage();
    }

    /** Data messages delivered whole so far. */
    long messagesReceived() {
        return messages.received();
    }

    /** Frees the inflater's native memory and a message's buffer; no message follows a close. */
    void releaseMemory() {
        messages.releaseMemory();
    }

    /**
     * Reads the next step of a frame from {@code in}: its header, a piece of its payload, or its
     * end; the events it completes go to the handler with {@code socket}.
     */
    Step next(ByteBuffer in, WebSocket socket) {
        switch (decoder.next(in)) {
            case NEED_MORE:
                return Step.NEED_MORE;
            case HEADER:
                startFrame();
                return Step.READ;
            case PAYLOAD:
                takePayload(in, socket);
                return Step.READ;
            case FRAME_END:
                return endFrame(socket);
            default:
                throw new IllegalStateException();
        }
    }

    private void startFrame() {
        if (Opcode.isControl(decoder.opcode())) {
            // RFC 7692 §6.1: extensions that own RSV1 apply to data frames only.
            FrameRules.checkReservedBits(decoder.rsvBits(), 0);
            if (controlPayload == null) {
                controlPayload = new byte[FrameHeader.MAX_CONTROL_PAYLOAD];
            }
            controlLength = 0;
        } else {
            messages.startFrame(decoder.opcode(), decoder.fin(), decoder.rsvBits(), decoder.payloadLength());
        }
    }

    private void takePayload(ByteBuffer in, WebSocket socket) {
        int from = decoder.chunkStart();
        int to = decoder.chunkEnd();
        if (Opcode.isControl(decoder.opcode())) {
            in.get(from, controlPayload, controlLength, to - from);
            controlLength += to - from;
        } else {
            messages.payload(socket, in, from, to, decoder.payloadRemaining());
        }
    }

    private Step endFrame(WebSocket socket) {
        switch (decoder.opcode()) {
            case Opcode.PING:
                ByteBuffer ping = controlView();
                // RFC 6455 §5.5.2: answered with the same payload, unless we already sent a close.
                if (autoPong && !outbound.closeSent()) {
                    outbound.queuePong(ping);
                }
                handler.onPing(socket, ping);
                return Step.READ;
            case Opcode.PONG:
                ByteBuffer pong = controlView();
                engine.pongReceived(pong);
                handler.onPong(socket, pong);
                return Step.READ;
            case Opcode.CLOSE:
                // RFC 6455 §5.5.1, §7.4: a close frame's code and reason are checked before it is obeyed.
                close = ClosePayload.parse(controlPayload, controlLength);
                return Step.CLOSE;
            default:
                messages.endFrame(socket);
                return Step.READ;
        }
    }

    private ByteBuffer controlView() {
        return ByteBuffer.wrap(controlPayload, 0, controlLength).slice().asReadOnlyBuffer();
    }

    /** The close frame just read. */
    ClosePayload close() {
        return close;
    }

    /** RFC 6455 §5.5.1: the reply to the close frame just read echoes its status code, if it had one. */
    ByteBuffer closeReply() {
        return ByteBuffer.wrap(controlPayload, 0, Math.min(controlLength, 2));
    }
}
