package dev.wskit.protocol;

/** Who started the end of a connection, as a {@link CloseSummary} tells it. */
public enum CloseInitiator {
    /**
     * This end sent the first close frame (RFC 6455 §7.1.2): the application's {@code close}, a
     * server or client stopping ({@code 1001}), or a violation answered with a close frame.
     */
    LOCAL,
    /** The peer sent the first close frame (RFC 6455 §7.1.5), and this end echoed it. */
    REMOTE,
    /**
     * No closing handshake was started: TCP was dropped, by the peer or by this end for a peer
     * declared dead ({@code 1006}, RFC 6455 §7.1.5).
     */
    ABORT
}
