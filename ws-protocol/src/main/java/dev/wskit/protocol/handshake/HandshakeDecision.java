package dev.wskit.protocol.handshake;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.extension.DeflateParameters;
import dev.wskit.protocol.http.HttpResponse;
import java.util.Objects;

/**
 * What a server answers one request: the 101 that opens the WebSocket, a rejection naming the
 * broken rule, or the application's own answer to a plain HTTP request. Immutable.
 */
public final class HandshakeDecision {
    private final HttpResponse response;
    private final boolean upgrade;
    private final ProtocolViolation violation;
    private final String subprotocol;
    private final DeflateParameters deflate;

    private HandshakeDecision(HttpResponse response, boolean upgrade, ProtocolViolation violation,
                              String subprotocol, DeflateParameters deflate) {
        this.response = Objects.requireNonNull(response, "response");
        this.upgrade = upgrade;
        this.violation = violation;
        this.subprotocol = subprotocol;
        this.deflate = deflate;
    }

    static HandshakeDecision accepted(HttpResponse response, String subprotocol, DeflateParameters deflate) {
        return new HandshakeDecision(response, true, null, subprotocol, deflate);
    }

    static HandshakeDecision rejected(HttpResponse response, ProtocolViolation violation) {
        return new HandshakeDecision(response, false, Objects.requireNonNull(violation, "violation"), null, null);
    }

    static HandshakeDecision answered(HttpResponse response) {
        return new HandshakeDecision(response, false, null, null, null);
    }

    /**
     * Whether the upgrade was accepted: after the 101, frames follow on this connection.
     *
     * @return {@code true} when the response is a 101 and the connection becomes a WebSocket
     */
    public boolean isUpgrade() {
        return upgrade;
    }

    /**
     * The response to send; never {@code null}.
     *
     * @return the 101 or the rejection, complete with its header fields
     */
    public HttpResponse response() {
        return response;
    }

    /**
     * The rule the request broke, or {@code null} when it was accepted or answered by the
     * application.
     *
     * @return the violation, or {@code null}
     */
    public ProtocolViolation violation() {
        return violation;
    }

    /**
     * The subprotocol chosen for the connection, or {@code null} for none.
     *
     * @return the subprotocol (RFC 6455 §4.2.2 item 5.4), or {@code null}
     */
    public String subprotocol() {
        return subprotocol;
    }

    /**
     * The permessage-deflate parameters accepted with the 101, or {@code null} when none.
     *
     * @return the parameters (RFC 7692 §7), or {@code null}
     */
    public DeflateParameters deflate() {
        return deflate;
    }

    @Override
    public String toString() {
        String outcome = upgrade ? "upgrade" : violation != null ? "rejected " + violation : "answered";
        return outcome + ": " + response.status() + (subprotocol == null ? "" : " subprotocol " + subprotocol);
    }
}
