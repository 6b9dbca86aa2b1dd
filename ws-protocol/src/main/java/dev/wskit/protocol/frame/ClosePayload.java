package dev.wskit.protocol.frame;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.text.Utf8Validator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The payload of a close frame (RFC 6455 §5.5.1): empty, or a 2-byte status code followed by a
 * UTF-8 reason. Reading applies the peer's rules (a violation is a {@link WebSocketException});
 * writing applies ours (a bad argument is the caller's bug).
 */
public final class ClosePayload {
    /** A control payload holds 125 bytes (RFC 6455 §5.5), two of which are the code. */
    public static final int MAX_REASON_BYTES = FrameHeader.MAX_CONTROL_PAYLOAD - 2;

    private final int code;
    private final String reason;

    private ClosePayload(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /**
     * Reads a received close payload; an empty one reports {@link CloseCode#NO_STATUS_RECEIVED}.
     *
     * @param payload the close frame's payload, unmasked; its first {@code length} bytes are read
     * @param length the payload's length in bytes, 0 to 125 (RFC 6455 §5.5)
     * @return the code and reason the payload holds
     * @throws WebSocketException for a 1-byte payload, a code not allowed on the wire, or a
     *                            reason that is not UTF-8
     */
    public static ClosePayload parse(byte[] payload, int length) {
        FrameRules.checkClosePayloadLength(length);
        if (length == 0) {
            return new ClosePayload(CloseCode.NO_STATUS_RECEIVED, "");
        }
        int code = (payload[0] & 0xff) << 8 | (payload[1] & 0xff);
        FrameRules.checkCloseCode(code);
        if (!Utf8Validator.isValid(ByteBuffer.wrap(payload), 2, length)) {
            throw new WebSocketException(ProtocolViolation.INVALID_CLOSE_REASON);
        }
        return new ClosePayload(code, new String(payload, 2, length - 2, StandardCharsets.UTF_8));
    }

    /**
     * The payload for a close we send.
     *
     * @param code the status code (RFC 6455 §7.4.1)
     * @param reason the reason, {@code ""} for none; not {@code null}
     * @return a new buffer ready to be read, holding the code big-endian then the reason as UTF-8
     *     (RFC 6455 §5.5.1)
     * @throws IllegalArgumentException for a code that may not be sent (RFC 6455 §7.4) or a
     *                                  reason above {@value #MAX_REASON_BYTES} UTF-8 bytes
     */
    public static ByteBuffer encode(int code, String reason) {
        if (!CloseCode.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent (RFC 6455 §7.4)");
        }
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        if (reasonBytes.length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason of " + reasonBytes.length + " bytes; at most "
                    + MAX_REASON_BYTES + " fit in a control frame (RFC 6455 §5.5)");
        }
        ByteBuffer payload = ByteBuffer.allocate(2 + reasonBytes.length);
        payload.put((byte) (code >> 8)).put((byte) code).put(reasonBytes);
        return payload.flip();
    }

    /**
     * The status code, or {@link CloseCode#NO_STATUS_RECEIVED} when the payload was empty.
     *
     * @return the status code, 1000 to 4999
     */
    public int code() {
        return code;
    }

    /**
     * The reason, empty when none was given.
     *
     * @return the reason as decoded from UTF-8, {@code ""} when none was given; never {@code null}
     */
    public String reason() {
        return reason;
    }
}
