package dev.wskit.protocol.engine;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.extension.DeflateParameters;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.extension.internal.MessageDeflater;
import dev.wskit.protocol.extension.internal.MessageInflater;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.HandshakeDecision;
import dev.wskit.protocol.handshake.Http2ServerHandshake;
import dev.wskit.protocol.handshake.ServerHandshake;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.http.internal.HttpHeadParser;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import dev.wskit.protocol.upgrade.UpgradeRequest;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The opening handshake of one connection (RFC 6455 §4), up to the open: reads the peer's HTTP
 * head from any split of the stream, then answers it (a server, §4.2.2) or checks it (a client,
 * §4.1), and starts permessage-deflate as agreed (RFC 7692 §7.1). A server asks the application's
 * {@link UpgradeDecider} about every valid request, and may wait for a decision that comes later.
 * What it writes goes to the connection's outbound queue; a broken rule is thrown, for the engine
 * to fail the connection with.
 */
final class OpeningHandshake {
    private final WebSocketConfig config;
    private final Outbound outbound;
    /** The client's own part, or {@code null} on a server. */
    private final ClientSide client;
    /** The application's decision on a server, until it is asked; {@code null} on a client. */
    private UpgradeDecider decider;
    /** A client's: reads the server's head; dropped once it is read, as an open connection never needs it again. */
    private HttpHeadParser head;
    /**
     * A server's: reads the client's requests; {@code null} once the connection opens, or when
     * another HTTP stack read the request (that stack reads any next one).
     */
    private ServerRequests requests;
    private HttpRequest request;
    /** The header fields of an HTTP/2 stream's request (RFC 8441); {@code null} over HTTP/1.1. */
    private List<Map.Entry<String, String>> http2Fields;
    private boolean upgraded;
    /** A plain request was answered and the connection stays open for the next (RFC 9112 §9.3). */
    private boolean persists;
    private boolean answeredPlainRequest;
    private String subprotocol;
    private DeflateParameters deflate;
    /** An accepting decision, until the open takes its handler and attributes. */
    private UpgradeDecision accepted;
    /** A decision that comes later: the stage, until the transport takes it; then the wait goes on. */
    private CompletionStage<UpgradeDecision> awaited;
    private boolean awaiting;
    /** The status of the application's rejection, 0 when it did not reject. */
    private int rejectedStatus;

    private OpeningHandshake(WebSocketConfig config, Outbound outbound, ClientSide client, UpgradeDecider decider,
                             HttpHeadParser head) {
        this.config = config;
        this.outbound = outbound;
        this.client = client;
        this.decider = decider;
        this.head = head;
    }

    /** A server's, waiting for the client's request; {@code decider} judges every valid one. */
    static OpeningHandshake server(WebSocketConfig config, UpgradeDecider decider, Outbound outbound) {
        OpeningHandshake opening = new OpeningHandshake(config, outbound, null, decider, null);
        opening.requests = new ServerRequests(config, outbound);
        return opening;
    }

    /** A client's: its request goes on the wire at once (RFC 6455 §4.1). */
    static OpeningHandshake client(ClientHandshake handshake, WebSocketConfig config, Outbound outbound) {
        if (handshake.isHttp2()) {
            // RFC 8441 §4: the HTTP/2 stack sends the request as HEADERS and hands the answer back.
            OpeningHandshake opening = new OpeningHandshake(config, outbound, new ClientSide(handshake), null, null);
            opening.request = handshake.request();
            return opening;
        }
        OpeningHandshake opening = new OpeningHandshake(config, outbound, new ClientSide(handshake), null,
                HttpHeadParser.forResponses(config.maxHandshakeBytes()));
        opening.request = handshake.request();
        outbound.queue(handshake.encodeRequest());
        return opening;
    }

    /**
     * RFC 8441 §5: a client's check of the answer on its HTTP/2 stream, given as header fields
     * ({@code :status} among them); the same check of the negotiated fields as over HTTP/1.1.
     *
     * @throws WebSocketException naming the first rule the answer breaks, or an
     *     {@link dev.wskit.protocol.handshake.UpgradeRefusedException} for a status other than 2xx
     */
    void receiveHttp2Response(List<Map.Entry<String, String>> fields, byte[] body) {
        HttpResponse response;
        try {
            response = Http2ServerHandshake.response(fields).withBodyRead(body);
        } catch (IllegalArgumentException unreadable) {
            throw new WebSocketException(ProtocolViolation.MALFORMED_RESPONSE, unreadable.getMessage());
        }
        subprotocol = client.handshake.validate(response);
        deflate = client.handshake.deflate();
        upgraded = true;
    }

    /**
     * Reads the peer's head from {@code in} (and a plain request's body), and not one byte past
     * it: frames, or the next request, may follow.
     *
     * @return whether the head is complete and judged: answered on a server, unless the decision
     *     is {@link #awaitingDecision() awaited}; then {@link #upgraded()} says whether the
     *     connection opens
     * @throws WebSocketException naming the first rule the head breaks
     */
    boolean receive(ByteBuffer in, WebSocket endpoint) {
        if (client == null) {
            return receiveServerSide(in, endpoint);
        }
        if (client.refusal != null) {
            return receiveRefusal(in);
        }
        if (head == null) {
            // Over HTTP/2 the answer comes as HEADERS (receiveHttp2Response), never as bytes.
            return false;
        }
        if (!head.parse(in)) {
            return false;
        }
        HttpHeadParser parsed = head;
        head = null;
        if (parsed.response().status() != 101) {
            client.refusal = new RefusalReader(parsed.response());
            return receiveRefusal(in);
        }
        subprotocol = client.handshake.validate(parsed.response());
        deflate = client.handshake.deflate();
        upgraded = true;
        return true;
    }

    private boolean receiveServerSide(ByteBuffer in, WebSocket endpoint) {
        HttpRequest complete = requests.read(in);
        if (complete == null) {
            return false;
        }
        answerRequest(complete, endpoint);
        return true;
    }

    /**
     * Whether the request just answered was a plain one and the connection stays open for the
     * next (RFC 9112 §9.3); then {@link #nextRequest()} starts reading it.
     */
    boolean persists() {
        return persists;
    }

    /** Reads the next request on a connection that {@link #persists()}. */
    void nextRequest() {
        persists = false;
        request = null;
        requests.next();
    }

    /**
     * Whether the connection waits between requests: a plain one was answered, and no byte of
     * the next has come. Closing it then loses nothing (RFC 9112 §9.8).
     */
    boolean idleBetweenRequests() {
        return answeredPlainRequest && requests != null && !requests.started();
    }

    /**
     * A client reads the body of the server's refusal, then fails with it: the handshake never
     * completes.
     *
     * @throws dev.wskit.protocol.handshake.UpgradeRefusedException once the body is read
     */
    private boolean receiveRefusal(ByteBuffer in) {
        if (client.refusal.receive(in)) {
            throw client.refusal.refusal();
        }
        return false;
    }

    /**
     * What a client's handshake fails with when the connection ends or the handshake times out
     * while the body of a refusal is read: the refusal with what arrived of it; else {@code null}.
     */
    WebSocketException refusalSoFar() {
        return client == null || client.refusal == null ? null : client.refusal.refusal();
    }

    /**
     * RFC 6455 §4.2.2: a server's answer to a complete request, read here or by another HTTP
     * stack; queued for the wire, unless the application decides later.
     *
     * @throws WebSocketException naming the first rule of RFC 6455 §4.2.1 the request breaks, or
     *     the application's failure to decide
     */
    void receiveRequest(HttpRequest parsed, WebSocket endpoint) {
        requests = null;
        answerRequest(parsed, endpoint);
    }

    /**
     * RFC 8441 §5: a server's answer to the request that opened an HTTP/2 stream, given as its
     * header fields; the same screening, decision and negotiation as an HTTP/1.1 request, answered
     * as HTTP/2 does ({@code 200} opens the stream's tunnel). The HTTP/2 stack frames the answer.
     *
     * @throws WebSocketException naming the first rule the request breaks (a request that cannot
     *     be read: {@link ProtocolViolation#MALFORMED_REQUEST}), or the application's failure to decide
     */
    void receiveHttp2Request(List<Map.Entry<String, String>> fields, WebSocket endpoint) {
        requests = null;
        http2Fields = List.copyOf(fields);
        HttpRequest parsed;
        try {
            parsed = Http2ServerHandshake.request(http2Fields);
        } catch (IllegalArgumentException unreadable) {
            throw new WebSocketException(ProtocolViolation.MALFORMED_REQUEST, unreadable.getMessage());
        }
        answerRequest(parsed, endpoint);
    }

    private void answerRequest(HttpRequest parsed, WebSocket endpoint) {
        request = parsed;
        HandshakeDecision screened = http2Fields != null
                ? Http2ServerHandshake.screen(http2Fields, parsed, config)
                : ServerHandshake.screen(parsed, config);
        if (screened != null) {
            answer(screened);
            return;
        }
        UpgradeDecider asked = decider;
        // Asked once per connection: an open connection does not keep it (a route table, a lambda).
        decider = null;
        UpgradeDecision decision;
        try {
            decision = asked.decide(new UpgradeRequest(parsed, endpoint.remoteAddress(),
                    endpoint.tlsSession().orElse(null)));
        } catch (RuntimeException e) {
            throw decisionFailed(e);
        }
        decided(decision);
    }

    /**
     * The application's decision on the request: the 101 or its rejection is queued, or, for a
     * decision that comes later, the handshake waits for {@link #decided} again.
     *
     * @throws WebSocketException when the decision is {@code null} or names a subprotocol the
     *     client did not offer
     */
    void decided(UpgradeDecision decision) {
        awaiting = false;
        if (decision == null) {
            throw decisionFailed(new NullPointerException("the upgrade decision is null"));
        }
        if (decision.isLater()) {
            awaiting = true;
            awaited = decision.stage();
        } else if (decision.isRejected()) {
            // A complete response, then the connection closes: an upgrade refused is not retried on it.
            rejectedStatus = decision.status();
            outbound.queueAnswer(HttpResponse.of(decision.status(), decision.headers()
                    .with("Content-Type", "text/plain; charset=utf-8").with("Connection", "close"), decision.body()));
        } else {
            try {
                answer(http2Fields != null
                        ? Http2ServerHandshake.accept(request, config, decision.subprotocol(), decision.headers())
                        : ServerHandshake.accept(request, config, decision.subprotocol(), decision.headers()));
            } catch (IllegalArgumentException notOffered) {
                throw decisionFailed(notOffered);
            }
            accepted = decision;
        }
    }

    private void answer(HandshakeDecision decision) {
        if (decision.violation() != null) {
            throw new WebSocketException(decision.violation());
        }
        HttpResponse response = decision.response();
        boolean plainAnswer = !decision.isUpgrade() && decision.violation() == null;
        if (plainAnswer && requests == null) {
            // The HTTP stack that read this request did not hand over the connection's next ones.
            response = response.withHeader("Connection", "close");
        }
        outbound.queueAnswer(response);
        answeredPlainRequest |= plainAnswer;
        persists = plainAnswer && !response.headers().containsToken("Connection", "close");
        upgraded = decision.isUpgrade();
        if (upgraded) {
            requests = null;
        }
        subprotocol = decision.subprotocol();
        deflate = decision.deflate();
    }

    private static WebSocketException decisionFailed(RuntimeException cause) {
        return new WebSocketException(ProtocolViolation.UPGRADE_DECISION_FAILED, cause.toString(), cause);
    }

    /** Whether this is a client's handshake on an HTTP/2 stream (RFC 8441). */
    boolean isHttp2Client() {
        return client != null && client.handshake.isHttp2();
    }

    /** Whether a decision that comes later is awaited: nothing is answered, nothing more read. */
    boolean awaitingDecision() {
        return awaiting;
    }

    /** The stage a later decision comes from, once, for the transport to wait on; else {@code null}. */
    CompletionStage<UpgradeDecision> takeAwaitedDecision() {
        CompletionStage<UpgradeDecision> taken = awaited;
        awaited = null;
        return taken;
    }

    /** The decision that accepted the upgrade, once, for the open; {@code null} on a client. */
    UpgradeDecision takeAccepted() {
        UpgradeDecision taken = accepted;
        accepted = null;
        return taken;
    }

    /**
     * The handshake failed with {@code violation}: a server queues the complete HTTP response
     * that refuses it (RFC 6455 §4.2.1). A client has nobody to tell, nor has a server that
     * stopped waiting (no status).
     *
     * @return whether a response was queued
     */
    boolean refuse(ProtocolViolation violation) {
        if (client != null || violation.httpStatus() == 0) {
            return false;
        }
        outbound.queueAnswer(ServerHandshake.reject(violation).response());
        return true;
    }

    /**
     * Whether the connection opens: a client's answer was a valid 101, or a server sent one. A
     * server that answered a plain HTTP request instead reads the next one, or closes after its
     * answer (see {@link #persists()}).
     */
    boolean upgraded() {
        return upgraded;
    }

    /**
     * RFC 7692 §7.1: from now on messages are compressed and inflated as agreed, when
     * permessage-deflate was; each side resets its own compressor per message if it agreed to,
     * and keeps within the window the other side allowed it.
     */
    void startCompression(InboundFrames inbound) {
        if (deflate == null) {
            return;
        }
        PerMessageDeflateConfig settings = config.perMessageDeflate();
        // RFC 7692 §7.1.1.2: a client that offered client_no_context_takeover keeps to it even
        // when the answer leaves it out.
        boolean ownNoContextTakeover = client == null
                ? deflate.serverNoContextTakeover()
                : deflate.clientNoContextTakeover() || settings.clientNoContextTakeover();
        int ownWindowBits = client == null ? deflate.serverMaxWindowBits() : deflate.clientMaxWindowBits();
        boolean peerNoContextTakeover = client == null ? deflate.clientNoContextTakeover() : deflate.serverNoContextTakeover();
        outbound.compressWith(new MessageDeflater(settings.compressionLevel(), ownNoContextTakeover, ownWindowBits),
                settings.threshold());
        inbound.inflateWith(new MessageInflater(peerNoContextTakeover));
    }

    /** The opening request: the client's on a server, our own on a client; {@code null} until read. */
    HttpRequest request() {
        return request;
    }

    /** The status the application's upgrade decision rejected the request with, or 0 when it did not. */
    int rejectedStatus() {
        return rejectedStatus;
    }

    /** The extensions agreed, as their {@code Sec-WebSocket-Extensions} value, or {@code null} for none. */
    String extensions() {
        return deflate == null ? null : deflate.toHeaderValue();
    }

    /** The subprotocol agreed, or {@code null} for none. */
    String subprotocol() {
        return subprotocol;
    }

    /**
     * On a client, the server's 101 once checked; {@code null} before, and on a server, which
     * keeps no copy of the answer it sent, so an open connection holds no more than it did.
     */
    HttpResponse handshakeResponse() {
        return client == null ? null : client.handshake.response();
    }

    /**
     * What only a client's handshake holds, apart, so that a server's connection carries no
     * field of it: the handshake it sent, and the reading of a refusal's body once refused.
     */
    private static final class ClientSide {
        final ClientHandshake handshake;
        /** {@code null} unless the server refused the upgrade (RFC 6455 §4.1 item 1). */
        RefusalReader refusal;

        ClientSide(ClientHandshake handshake) {
            this.handshake = handshake;
        }
    }
}
