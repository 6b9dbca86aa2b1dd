package dev.wskit.protocol.engine;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.RoundTrip;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.frame.FrameEncoder;
import dev.wskit.protocol.frame.Opcode;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.text.Utf8Encoder;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * The {@link WebSocket} straight on one engine: the application's calls, on the thread that
 * drives the engine. Sends are encoded into the engine's outbound queue here; everything that
 * changes the connection's state (close, pause) is the engine's.
 */
final class EngineSocket implements WebSocket, PreparedSink, MessageKeeper {
    private final WebSocketEngine engine;
    private final Outbound outbound;
    /** Allocated with the first text sent: it carries a surrogate pair split between two pieces. */
    private Utf8Encoder textEncoder;

    EngineSocket(WebSocketEngine engine, Outbound outbound) {
        this.engine = engine;
        this.outbound = outbound;
    }

    @Override
    public boolean sendText(CharSequence text, boolean last) {
        if (!acceptsSends()) {
            Utf8Encoder.checkPiece(text, last, textEncoder != null && textEncoder.awaitsLowSurrogate());
            return false;
        }
        outbound.checkCanSend(Opcode.TEXT);
        if (textEncoder == null) {
            textEncoder = new Utf8Encoder();
        }
        // The encoded bytes are ours already: handed over, they are not copied a second time.
        outbound.transferData(Opcode.TEXT, textEncoder.encode(text, last), last, null);
        return true;
    }

    @Override
    public boolean sendBinary(ByteBuffer data, boolean last) {
        if (!acceptsSends()) {
            return false;
        }
        outbound.queueData(Opcode.BINARY, data, last);
        return true;
    }

    @Override
    public boolean transferBinary(ByteBuffer data, boolean last) {
        if (!acceptsSends()) {
            return false;
        }
        outbound.transferData(Opcode.BINARY, data, last, null);
        return true;
    }

    /** See {@link WebSocketEngine#transferBinary(ByteBuffer, boolean, PayloadRelease)}. */
    boolean transferBinary(ByteBuffer data, boolean last, PayloadRelease release) {
        return transfer(Opcode.BINARY, data, last, Objects.requireNonNull(release, "release"));
    }

    @Override
    public KeptMessage keepMessage() {
        return engine.keepMessage();
    }

    /** A kept message is already valid (its text was checked on arrival), so it is sent as it is. */
    @Override
    public boolean forward(KeptMessage message) {
        int opcode = message.opcode();
        ByteBuffer payload = message.payload();
        return transfer(opcode, payload, true, message.handOver());
    }

    /** Hands {@code data} over to the outbound queue; {@code release} runs exactly once, whatever happens. */
    private boolean transfer(int opcode, ByteBuffer data, boolean last, PayloadRelease release) {
        boolean accepted;
        try {
            accepted = acceptsSends();
            if (accepted) {
                outbound.checkCanSend(opcode);
            }
        } catch (RuntimeException refused) {
            release.release();
            throw refused;
        }
        if (!accepted) {
            release.release();
            return false;
        }
        outbound.transferData(opcode, data, last, release);
        return true;
    }

    @Override
    public boolean sendPrepared(PreparedMessage message) {
        if (!acceptsSends()) {
            return false;
        }
        return outbound.queuePrepared(message) || message.sendApart(this);
    }

    @Override
    public boolean sendPing(ByteBuffer payload) {
        FrameEncoder.checkControlPayload(payload);
        if (!acceptsSends()) {
            return false;
        }
        outbound.queueControl(Opcode.PING, payload);
        return true;
    }

    @Override
    public boolean sendPong(ByteBuffer payload) {
        FrameEncoder.checkControlPayload(payload);
        if (!acceptsSends()) {
            return false;
        }
        outbound.queueControl(Opcode.PONG, payload);
        return true;
    }

    @Override
    public boolean ping() {
        if (!acceptsSends()) {
            return false;
        }
        outbound.queueControl(Opcode.PING, engine.roundTrips().nextPing());
        return true;
    }

    @Override
    public Optional<RoundTrip> roundTrip() {
        return engine.roundTrip();
    }

    @Override
    public void close(int code, String reason) {
        engine.close(code, reason);
    }

    /**
     * Whether a send may be queued. A send before the open is misuse and throws; once the closing
     * handshake started, a send is refused with {@code false}: the peer's close races every send
     * (RFC 6455 §5.5.1: nothing follows a close frame), so it is no error of the caller's.
     */
    private boolean acceptsSends() {
        ConnectionState state = engine.state();
        if (state == ConnectionState.CONNECTING) {
            throw new IllegalStateException("cannot send before the opening handshake completed");
        }
        return state == ConnectionState.OPEN;
    }

    /** Makes the engine's {@code receive} stop after the current event; the transport stops reading. */
    @Override
    public void pause() {
        engine.paused(true);
    }

    /** Lets the engine's {@code receive} go on; the transport then offers the bytes it kept. */
    @Override
    public void resume() {
        engine.paused(false);
    }

    @Override
    public ConnectionState state() {
        return engine.state();
    }

    @Override
    public String subprotocol() {
        return engine.subprotocol();
    }

    @Override
    public HttpRequest request() {
        return engine.request();
    }

    /** The engine has no socket: the transport's {@code WebSocket} knows the address. */
    @Override
    public Optional<HttpResponse> handshakeResponse() {
        return Optional.ofNullable(engine.handshakeResponse());
    }

    @Override
    public SocketAddress remoteAddress() {
        return null;
    }

    /** The engine has no socket: the transport's {@code WebSocket} knows the address. */
    @Override
    public SocketAddress localAddress() {
        return null;
    }

    /** The engine has no socket: the transport's {@code WebSocket} knows the session. */
    @Override
    public Optional<SSLSession> tlsSession() {
        return Optional.empty();
    }

    @Override
    public Map<String, Object> attributes() {
        return engine.attributes();
    }

    @Override
    public long pendingOutboundBytes() {
        return outbound.pendingBytes();
    }
}
