package dev.wskit.protocol;

/**
 * Close status codes, named as RFC 6455 §7.4.1 names them, and the one rule that says which
 * codes may travel in a close frame. Reading and writing both use {@link #isValidOnWire}.
 */
public final class CloseCode {
    /** 1000: normal closure. */
    public static final int NORMAL_CLOSURE = 1000;
    /** 1001: going away. */
    public static final int GOING_AWAY = 1001;
    /** 1002: protocol error. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: unsupported data. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1005: no status received. Reserved: never sent; reported when a close frame carried no code. */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** 1006: abnormal closure. Reserved: never sent; reported when the connection ended without a close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;
    /** 1007: invalid frame payload data. */
    public static final int INVALID_FRAME_PAYLOAD_DATA = 1007;
    /** 1008: policy violation. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: message too big. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010: mandatory extension. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: internal error. */
    public static final int INTERNAL_ERROR = 1011;
    /** 1012: service restart. Registered with IANA after RFC 6455 (RFC 6455 §11.7 registry). */
    public static final int SERVICE_RESTART = 1012;
    /** 1013: try again later. */
    public static final int TRY_AGAIN_LATER = 1013;
    /** 1014: bad gateway. */
    public static final int BAD_GATEWAY = 1014;
    /** 1015: TLS handshake. Reserved: never sent. */
    public static final int TLS_HANDSHAKE = 1015;

    private CloseCode() {
    }

    /**
     * Whether {@code code} may appear in a close frame (RFC 6455 §7.4.1, §7.4.2 and the IANA
     * registry): 1000–1003, 1007–1014 and the private ranges 3000–4999. 1004–1006 and 1015 are
     * reserved and never sent; everything else below 3000 is unassigned.
     *
     * @param code the status code to check, as read from or about to be written to a close frame's
     *     first two bytes (RFC 6455 §5.5.1)
     * @return {@code true} when an endpoint may send {@code code} and must accept it from its peer;
     *     {@code false} for a reserved or unassigned code, which a received close answers with 1002
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003)
                || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
    }
}
