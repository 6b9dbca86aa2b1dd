package dev.wskit.protocol.upgrade;

import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The application's answer to an {@link UpgradeRequest}: {@linkplain #accept accept} it with the
 * connection's handler, {@linkplain #reject reject} it with an HTTP status, or decide
 * {@linkplain #later later}. Immutable: each {@code with} method returns a new decision.
 */
public final class UpgradeDecision {
    /** The most body a rejection carries: an explanation, not a page. */
    public static final int MAX_REJECTION_BODY_BYTES = 4096;
    /**
     * Fields the opening handshake writes itself (RFC 6455 §4.2.2 item 5), or that would break
     * the response's framing; an application may not add them.
     */
    private static final Set<String> RESERVED_HEADERS = Set.of("upgrade", "connection", "sec-websocket-accept",
            "sec-websocket-protocol", "sec-websocket-extensions", "sec-websocket-version", "content-length",
            "transfer-encoding");

    private enum Kind { ACCEPT, REJECT, LATER }

    private final Kind kind;
    private final WebSocketHandler handler;
    private final String subprotocol;
    private final HttpHeaders headers;
    private final Map<String, Object> attributes;
    private final int status;
    private final byte[] body;
    private final CompletionStage<UpgradeDecision> later;

    private UpgradeDecision(Kind kind, WebSocketHandler handler, String subprotocol, HttpHeaders headers,
                            Map<String, Object> attributes, int status, byte[] body,
                            CompletionStage<UpgradeDecision> later) {
        this.kind = kind;
        this.handler = handler;
        this.subprotocol = subprotocol;
        this.headers = headers;
        this.attributes = attributes;
        this.status = status;
        this.body = body;
        this.later = later;
    }

    /**
     * Opens the connection with {@code handler}; its {@code WebSocket} carries this decision's
     * attributes. It opens at once: the handler's {@code onOpen} runs in the step that took the
     * decision, before any other input, so what the decider reserved is always claimed by a
     * connection (and freed by its {@code onClose}). Only a decision naming a subprotocol the
     * client did not offer fails instead, answered {@code 500}.
     *
     * @param handler the connection's handler
     * @return the accepting decision
     */
    public static UpgradeDecision accept(WebSocketHandler handler) {
        return new UpgradeDecision(Kind.ACCEPT, Objects.requireNonNull(handler, "handler"), null,
                HttpHeaders.empty(), Map.of(), 101, null, null);
    }

    /**
     * Refuses the upgrade with {@code status} (400–599) and a one-line text body naming it; the
     * response is complete, then the connection closes.
     *
     * @param status the HTTP status, 400 to 599
     * @return the rejecting decision
     */
    public static UpgradeDecision reject(int status) {
        return reject(status, "upgrade refused (" + status + ")\n");
    }

    /**
     * Refuses the upgrade with {@code status} (400–599) and {@code body} as UTF-8 plain text, at
     * most {@link #MAX_REJECTION_BODY_BYTES} bytes.
     *
     * @param status the HTTP status, 400 to 599
     * @param body the response's text
     * @return the rejecting decision
     */
    public static UpgradeDecision reject(int status, String body) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a rejection is a 4xx or 5xx status, not " + status);
        }
        byte[] bytes = Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_REJECTION_BODY_BYTES) {
            throw new IllegalArgumentException("rejection body of " + bytes.length + " bytes, at most "
                    + MAX_REJECTION_BODY_BYTES);
        }
        return new UpgradeDecision(Kind.REJECT, null, null, HttpHeaders.empty(), Map.of(), status, bytes, null);
    }

    /**
     * The decision comes when {@code decision} completes (a token looked up in a database): the
     * connection waits, reading nothing more, at most the configuration's handshake timeout, after
     * which it is answered {@code 503}. A stage that fails is answered {@code 500}.
     *
     * @param decision the stage giving the decision (itself maybe one that comes later again); not
     *     {@code null}
     * @return the waiting decision
     */
    public static UpgradeDecision later(CompletionStage<UpgradeDecision> decision) {
        return new UpgradeDecision(Kind.LATER, null, null, HttpHeaders.empty(), Map.of(), 0, null,
                Objects.requireNonNull(decision, "decision"));
    }

    /**
     * Accepting: the subprotocol chosen, one the client offered (RFC 6455 §4.2.2 item 5.4). Without
     * it, the server's configured subprotocols are matched as usual.
     *
     * @param subprotocol one of the subprotocols the client offered; not {@code null}
     * @return a new decision; this one is unchanged
     */
    public UpgradeDecision withSubprotocol(String subprotocol) {
        requireKind(Kind.ACCEPT, "a subprotocol");
        return new UpgradeDecision(kind, handler, Objects.requireNonNull(subprotocol, "subprotocol"), headers,
                attributes, status, body, later);
    }

    /**
     * An extra header field of the response ({@code Set-Cookie}, say), accepting or rejecting; the
     * fields the handshake writes itself are refused.
     *
     * @param name the field's name; an HTTP token, not one the handshake writes
     * @param value the field's value
     * @return a new decision; this one is unchanged
     */
    public UpgradeDecision withHeader(String name, String value) {
        if (kind == Kind.LATER) {
            throw new IllegalStateException("headers belong to the decision the stage completes with");
        }
        if (RESERVED_HEADERS.contains(Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(name + " is written by the handshake itself");
        }
        return new UpgradeDecision(kind, handler, subprotocol, headers.with(name, value), attributes, status, body,
                later);
    }

    /**
     * Accepting: a value the handler reads back with {@code WebSocket.attributes()} (the
     * authenticated user).
     *
     * @param name the attribute's name
     * @param value the value, of any type the handler casts back; not {@code null}
     * @return a new decision; this one is unchanged
     */
    public UpgradeDecision withAttribute(String name, Object value) {
        requireKind(Kind.ACCEPT, "an attribute");
        Map<String, Object> more = new LinkedHashMap<>(attributes);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new UpgradeDecision(kind, handler, subprotocol, headers, Collections.unmodifiableMap(more), status,
                body, later);
    }

    /**
     * Accepting: the same decision with another handler (a transport wraps the application's).
     *
     * @param handler the handler; not {@code null}
     * @return a new decision; this one is unchanged
     */
    public UpgradeDecision withHandler(WebSocketHandler handler) {
        requireKind(Kind.ACCEPT, "a handler");
        return new UpgradeDecision(kind, Objects.requireNonNull(handler, "handler"), subprotocol, headers, attributes,
                status, body, later);
    }

    /**
     * Whether this decision accepts the upgrade.
     *
     * @return {@code true} when accepting
     */
    public boolean isAccepted() {
        return kind == Kind.ACCEPT;
    }

    /**
     * Whether this decision refuses the upgrade with an HTTP response.
     *
     * @return {@code true} when rejecting
     */
    public boolean isRejected() {
        return kind == Kind.REJECT;
    }

    /**
     * Whether this decision is still to come, from {@link #stage()}.
     *
     * @return {@code true} when waiting on a stage
     */
    public boolean isLater() {
        return kind == Kind.LATER;
    }

    /**
     * Accepting: the connection's handler; otherwise {@code null}.
     *
     * @return the handler, or {@code null}
     */
    public WebSocketHandler handler() {
        return handler;
    }

    /**
     * Accepting: the chosen subprotocol, or {@code null} to match the configured ones.
     *
     * @return the subprotocol, or {@code null}
     */
    public String subprotocol() {
        return subprotocol;
    }

    /**
     * The extra header fields of the response, in order.
     *
     * @return the fields, never {@code null}
     */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * Accepting: the connection's attributes, in the order given.
     *
     * @return the attributes, an unmodifiable map
     */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /**
     * The HTTP status: 101 accepting, the rejection's status rejecting, 0 for later.
     *
     * @return 101, 400 to 599, or 0
     */
    public int status() {
        return status;
    }

    /**
     * Rejecting: the body; otherwise empty.
     *
     * @return a new array, empty when not rejecting
     */
    public byte[] body() {
        return body == null ? new byte[0] : body.clone();
    }

    /**
     * Later: the stage the decision comes from; otherwise {@code null}.
     *
     * @return the stage, or {@code null}
     */
    public CompletionStage<UpgradeDecision> stage() {
        return later;
    }

    private void requireKind(Kind wanted, String what) {
        if (kind != wanted) {
            throw new IllegalStateException(what + " belongs to an accepting decision, not to " + this);
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ACCEPT -> "accept" + (subprotocol == null ? "" : " " + subprotocol);
            case REJECT -> "reject " + status;
            case LATER -> "later";
        };
    }
}
