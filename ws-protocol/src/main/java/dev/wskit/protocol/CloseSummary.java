package dev.wskit.protocol;

/**
 * How an open connection ended, and what it carried, for {@link ConnectionListener#closed}.
 * Bytes count WebSocket frames each way (control frames included), not the opening handshake's
 * HTTP; messages count complete data messages.
 *
 * @param code the close code the handler was told ({@code 1006} when TCP was dropped, RFC 6455 §7.1.5)
 * @param reason the close reason: the peer's, or the one this end sent when it failed the connection
 * @param initiator who started the end
 * @param durationNanos from the open to the TCP close
 * @param bytesIn frame bytes read from the peer
 * @param bytesOut frame bytes handed to the transport for the peer
 * @param messagesIn data messages the handler received whole
 * @param messagesOut data messages sent whole (each last piece)
 */
public record CloseSummary(int code, String reason, CloseInitiator initiator, long durationNanos,
                           long bytesIn, long bytesOut, long messagesIn, long messagesOut) {
}
