package dev.wskit.protocol.frame;

import dev.wskit.protocol.Role;
import java.nio.ByteBuffer;

/**
 * Decodes frames incrementally from any split of the byte stream (RFC 6455 §5.2). Each call to
 * {@link #next} takes one step: a whole header, a piece of payload, the end of a frame, or
 * "need more bytes". Payload is never copied: a {@link Step#PAYLOAD} step leaves the piece in
 * the caller's buffer at {@link #chunkStart()}..{@link #chunkEnd()}, unmasked in place (the
 * decoder rewrites the read buffer, which must therefore be writable).
 *
 * <p>Header rules are checked as soon as the bytes that carry them arrive, so a bad frame fails
 * before its payload is awaited. Not thread-safe; one decoder per connection.
 */
public final class FrameDecoder {

    /** What one call to {@link #next} produced. */
    public enum Step {
        /** The buffer is used up before the next step; call again with more bytes. */
        NEED_MORE,
        /** A frame header was decoded; its fields are readable. */
        HEADER,
        /** A piece of the current frame's payload lies at chunkStart..chunkEnd, unmasked. */
        PAYLOAD,
        /** The current frame's payload is complete (also for an empty payload). */
        FRAME_END
    }

    private final Role role;
    private int maxFramePayload;
    private int allowedRsvBits;

    private final byte[] header = new byte[FrameHeader.MAX_HEADER_LENGTH];
    private int headerFill;
    private int headerLength;
    private boolean inFrame;

    private boolean fin;
    private int rsvBits;
    private int opcode;
    private boolean masked;
    private int maskingKey;
    private long payloadLength;
    private long payloadRead;
    private int chunkStart;
    private int chunkEnd;

    /**
     * A decoder for one connection's incoming frames, checking each header against RFC 6455 §5.2 as
     * it arrives.
     *
     * @param receiver        the role of the endpoint that receives these frames
     * @param maxFramePayload the largest payload accepted; larger frames fail with 1009
     */
    public FrameDecoder(Role receiver, int maxFramePayload) {
        this.role = receiver;
        this.maxFramePayload = maxFramePayload;
    }

    /**
     * Permessage-deflate was agreed: a frame may carry a compressed message as large as the limit,
     * and compressing what does not compress makes it a little larger (RFC 7692 §7.2.1 sends it
     * compressed all the same), so the limit grows by what deflate may add.
     */
    public void allowDeflateExpansion() {
        maxFramePayload = FrameRules.deflatedBound(maxFramePayload);
    }

    /**
     * Lets a negotiated extension own RSV bits (RFC 6455 §5.2, §9); by default none are allowed.
     *
     * @param rsvBits the RSV bits the extension owns, in their byte-0 positions
     *     ({@link FrameHeader#B0_RSV1} for permessage-deflate, RFC 7692 §6); other bits are ignored
     */
    public void allowReservedBits(int rsvBits) {
        this.allowedRsvBits = rsvBits & FrameHeader.B0_RSV_BITS;
    }

    /**
     * Takes one step through {@code in}, advancing its position past what was consumed.
     *
     * @param in the bytes from the wire, from position to limit
     * @return {@link Step#HEADER} once a whole header was read, {@link Step#PAYLOAD} for a piece of
     *     payload (see {@link #chunkStart()}, {@link #chunkEnd()}), {@link Step#NEED_MORE} when
     *     {@code in} is used up
     * @throws dev.wskit.protocol.WebSocketException when the frame breaks a rule
     */
    public Step next(ByteBuffer in) {
        if (!inFrame) {
            return readHeader(in) ? Step.HEADER : Step.NEED_MORE;
        }
        long left = payloadLength - payloadRead;
        if (left == 0) {
            inFrame = false;
            return Step.FRAME_END;
        }
        if (!in.hasRemaining()) {
            return Step.NEED_MORE;
        }
        chunkStart = in.position();
        chunkEnd = chunkStart + (int) Math.min(left, in.remaining());
        if (masked) {
            Masking.maskInPlace(in, chunkStart, chunkEnd, maskingKey, payloadRead);
        }
        payloadRead += chunkEnd - chunkStart;
        in.position(chunkEnd);
        return Step.PAYLOAD;
    }

    private boolean readHeader(ByteBuffer in) {
        while (in.hasRemaining()) {
            if (headerFill < 2) {
                header[headerFill++] = in.get();
                if (headerFill == 2) {
                    startFrame(header[0] & 0xff, header[1] & 0xff);
                }
                continue;
            }
            int wanted = Math.min(headerLength - headerFill, in.remaining());
            in.get(header, headerFill, wanted);
            headerFill += wanted;
            if (headerFill == headerLength) {
                break;
            }
        }
        if (headerFill < 2 || headerFill < headerLength) {
            return false;
        }
        finishHeader();
        return true;
    }

    /** Checks everything the first two bytes decide (RFC 6455 §5.1, §5.2, §5.5). */
    private void startFrame(int b0, int b1) {
        fin = (b0 & FrameHeader.B0_FIN) != 0;
        rsvBits = b0 & FrameHeader.B0_RSV_BITS;
        opcode = b0 & FrameHeader.B0_OPCODE;
        masked = (b1 & FrameHeader.B1_MASK) != 0;
        int lengthField = b1 & FrameHeader.B1_PAYLOAD_LENGTH;

        FrameRules.checkOpcodeIsDefined(opcode);
        FrameRules.checkReservedBits(rsvBits, allowedRsvBits);
        FrameRules.checkControlFrameIsFinal(opcode, fin);
        FrameRules.checkControlFrameLength(opcode, lengthField);
        FrameRules.checkMasking(role, masked);

        int lengthBytes = lengthField == FrameHeader.LENGTH_16_BIT ? 2 : lengthField == FrameHeader.LENGTH_64_BIT ? 8 : 0;
        headerLength = 2 + lengthBytes + (masked ? 4 : 0);
    }

    private void finishHeader() {
        int lengthField = header[1] & FrameHeader.B1_PAYLOAD_LENGTH;
        int at = 2;
        if (lengthField == FrameHeader.LENGTH_16_BIT) {
            payloadLength = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            FrameRules.checkMinimalLength(lengthField, payloadLength);
            at = 4;
        } else if (lengthField == FrameHeader.LENGTH_64_BIT) {
            long length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xff);
            }
            FrameRules.checkLengthTopBit(length);
            FrameRules.checkMinimalLength(lengthField, length);
            payloadLength = length;
            at = 10;
        } else {
            payloadLength = lengthField;
        }
        FrameRules.checkFrameSize(payloadLength, maxFramePayload);
        maskingKey = masked
                ? (header[at] & 0xff) << 24 | (header[at + 1] & 0xff) << 16 | (header[at + 2] & 0xff) << 8 | (header[at + 3] & 0xff)
                : 0;
        payloadRead = 0;
        headerFill = 0;
        inFrame = true;
    }

    /**
     * Whether a frame has begun and not ended: part of its header or payload is still to come.
     *
     * @return {@code true} between a frame's first byte and its last
     */
    public boolean midFrame() {
        return inFrame || headerFill > 0;
    }

    /**
     * Whether the current frame ends its message.
     *
     * @return the FIN bit of the current frame's header (RFC 6455 §5.2)
     */
    public boolean fin() {
        return fin;
    }

    /**
     * The RSV bits of the current frame, in their byte-0 positions ({@link FrameHeader#B0_RSV1} …).
     *
     * @return the RSV bits, 0 when none is set
     */
    public int rsvBits() {
        return rsvBits;
    }

    /**
     * The current frame's opcode (see {@link Opcode}).
     *
     * @return the opcode, 0 to 15
     */
    public int opcode() {
        return opcode;
    }

    /**
     * Whether the current frame came masked.
     *
     * @return the MASK bit of the current frame's header (RFC 6455 §5.2)
     */
    public boolean masked() {
        return masked;
    }

    /**
     * The current frame's masking key, 0 when it came unmasked.
     *
     * @return the masking key, its four octets big-endian as on the wire (see {@link Masking})
     */
    public int maskingKey() {
        return maskingKey;
    }

    /**
     * The current frame's payload length, as its header declares it.
     *
     * @return the payload length in bytes, 0 to 2<sup>63</sup>-1
     */
    public long payloadLength() {
        return payloadLength;
    }

    /**
     * Payload bytes of the current frame not yet returned.
     *
     * @return the bytes not yet returned, at least 0
     */
    public long payloadRemaining() {
        return payloadLength - payloadRead;
    }

    /**
     * Absolute index in the input buffer of the first byte of the last {@link Step#PAYLOAD} piece.
     *
     * @return the index, within the buffer last given to {@link #next}
     */
    public int chunkStart() {
        return chunkStart;
    }

    /**
     * Absolute index just past the last {@link Step#PAYLOAD} piece.
     *
     * @return the index, within the buffer last given to {@link #next}
     */
    public int chunkEnd() {
        return chunkEnd;
    }
}
