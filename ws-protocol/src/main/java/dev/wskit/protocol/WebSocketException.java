package dev.wskit.protocol;

import java.util.Objects;

/**
 * A broken rule, as a value: which {@link ProtocolViolation}, hence which close code or HTTP
 * status. The engine reports these through {@link WebSocketHandler#onError}; a client connect that
 * fails its handshake completes with one ({@link dev.wskit.protocol.handshake.UpgradeRefusedException} when
 * the server answered with another status than 101).
 */
public class WebSocketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The rule that was broken. */
    private final ProtocolViolation violation;

    /**
     * The violation, with its own description as the detail.
     *
     * @param violation the rule that was broken; not {@code null}
     */
    public WebSocketException(ProtocolViolation violation) {
        this(violation, violation.description(), null);
    }

    /**
     * The violation, with what exactly broke it.
     *
     * @param violation the rule that was broken; not {@code null}
     * @param detail what broke it, for the message (the offending value, say)
     */
    public WebSocketException(ProtocolViolation violation, String detail) {
        this(violation, detail, null);
    }

    /**
     * The violation, with what exactly broke it and the failure behind it.
     *
     * @param violation the rule that was broken; not {@code null}
     * @param detail what broke it, for the message
     * @param cause the failure behind it, or {@code null}
     */
    public WebSocketException(ProtocolViolation violation, String detail, Throwable cause) {
        super(violation.name() + ": " + detail + " (" + violation.source() + ")", cause);
        this.violation = Objects.requireNonNull(violation);
    }

    /**
     * The rule that was broken.
     *
     * @return the violation, never {@code null}
     */
    public ProtocolViolation violation() {
        return violation;
    }

    /**
     * The close code this violation is answered with.
     *
     * @return the close code (RFC 6455 §7.4.1), as {@link ProtocolViolation#closeCode()}
     */
    public int closeCode() {
        return violation.closeCode();
    }
}
