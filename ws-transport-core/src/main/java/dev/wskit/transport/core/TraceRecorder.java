package dev.wskit.transport.core;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.MemoryAccount;
import dev.wskit.protocol.RoundTrip;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.engine.KeptMessage;
import dev.wskit.protocol.engine.MessageKeeper;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpRequestHandler;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import dev.wskit.transport.core.trace.TraceEvents;
import dev.wskit.transport.core.trace.TraceKind;
import dev.wskit.transport.core.trace.TraceWriter;
import dev.wskit.transport.core.trace.TracedAnswers;
import dev.wskit.transport.core.trace.TracedCalls;
import dev.wskit.transport.core.trace.TracedConfig;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLSession;

/**
 * Records one server connection's course into a wire trace (see {@link WireTrace}), on its owner:
 * the clock stands still within a step (so the trace holds every time the engine read), and each
 * input from outside is written with that time.
 */
final class TraceRecorder implements WireTap {
    private static final Consumer<TraceWriter.Fields> NO_FIELDS = fields -> { };

    private final WireTrace trace;
    private LongSupplier realClock;
    private long origin;
    /** The time of the step under way: what the engine reads. */
    private long now;
    private WebSocketConfig config;
    private boolean budget;
    /** {@code null} before the start, when this peer is not traced, and after the end. */
    private TraceWriter writer;
    /** Above zero while the application's handler runs: its calls are made inside a callback. */
    private int callbacks;

    TraceRecorder(WireTrace trace) {
        this.trace = trace;
    }

    @Override
    public LongSupplier clock(LongSupplier clock) {
        realClock = clock;
        origin = clock.getAsLong();
        now = origin;
        return () -> now;
    }

    @Override
    public WebSocketConfig config(WebSocketConfig config) {
        this.config = config;
        WebSocketConfig.Builder recorded = config.toBuilder().originPolicy(origin -> {
            boolean allowed = config.originPolicy().test(origin);
            write(TraceKind.ORIGIN, fields -> fields.flag(allowed));
            return allowed;
        });
        HttpRequestHandler http = config.httpHandler();
        if (http != null) {
            recorded.httpHandler(request -> answer(http, request));
        }
        return recorded.build();
    }

    private HttpResponse answer(HttpRequestHandler http, HttpRequest request) {
        HttpResponse response;
        try {
            response = http.handle(request);
        } catch (RuntimeException failed) {
            write(TraceKind.HTTP_ANSWER, fields -> TracedAnswers.writeResponse(fields, null, failed));
            throw failed;
        }
        write(TraceKind.HTTP_ANSWER, fields -> TracedAnswers.writeResponse(fields, response, null));
        return response;
    }

    @Override
    public WebSocketHandler handler(WebSocketHandler application) {
        return new RecordingHandler(application);
    }

    @Override
    public UpgradeDecider decider(UpgradeDecider decider) {
        return request -> {
            UpgradeDecision decision;
            try {
                decision = decider.decide(request);
            } catch (RuntimeException failed) {
                write(TraceKind.DECISION, fields -> TracedAnswers.writeDecisionFailure(fields, failed));
                throw failed;
            }
            write(TraceKind.DECISION, fields -> TracedAnswers.writeDecision(fields, decision));
            return decision;
        };
    }

    @Override
    public MemoryAccount account(MemoryAccount account) {
        budget = true;
        return new MemoryAccount() {
            @Override
            public boolean reserve(long bytes) {
                boolean granted = account.reserve(bytes);
                write(TraceKind.RESERVE, fields -> fields.flag(granted));
                return granted;
            }

            @Override
            public void release(long bytes) {
                account.release(bytes);
            }
        };
    }

    @Override
    public WebSocket socket(WebSocket engineSocket) {
        return new RecordingSocket(engineSocket);
    }

    @Override
    public void started(ConnectionIo io) {
        SocketAddress peer = io.remoteAddress();
        writer = trace.open(io.transportName(), peer, header(io));
        timed(TraceKind.START, NO_FIELDS);
    }

    private Map<String, String> header(ConnectionIo io) {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("role", "server");
        header.put("transport", io.transportName());
        header.put("peer", String.valueOf(io.remoteAddress()));
        header.put("local", String.valueOf(io.localAddress()));
        header.put("tls", Boolean.toString(io.tlsSession().isPresent()));
        header.put("memoryBudget", Boolean.toString(budget));
        header.putAll(TracedConfig.describe(config));
        return header;
    }

    @Override
    public void received(ByteBuffer in) {
        timed(TraceKind.IN, fields -> fields.bytes(in));
    }

    @Override
    public void wokeUp() {
        timed(TraceKind.WAKE, NO_FIELDS);
    }

    @Override
    public void progressed() {
        timed(TraceKind.PROGRESS, NO_FIELDS);
    }

    @Override
    public void closed() {
        timed(TraceKind.CLOSED, NO_FIELDS);
    }

    @Override
    public void ended() {
        write(TraceKind.END, NO_FIELDS);
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    @Override
    public void shed() {
        timed(TraceKind.SHED, NO_FIELDS);
    }

    @Override
    public void decided(UpgradeDecision decision, Throwable failure) {
        timed(TraceKind.DECIDED, fields -> {
            if (failure != null) {
                TracedAnswers.writeDecisionFailure(fields, failure);
            } else {
                TracedAnswers.writeDecision(fields, decision);
            }
        });
    }

    @Override
    public void applicationFailed(RuntimeException misuse) {
        call(TracedCalls.failed(misuse));
    }

    @Override
    public void transferring(ByteBuffer data, boolean last) {
        call(TracedCalls.binary(data, last));
    }

    @Override
    public long unwritten(long unwritten) {
        write(TraceKind.UNWRITTEN, fields -> fields.number(unwritten));
        return unwritten;
    }

    @Override
    public void written(ByteBuffer out) {
        write(TraceKind.OUT, fields -> fields.bytes(out));
    }

    /** An input from outside: a new step begins, at a new time. */
    private void timed(TraceKind kind, Consumer<TraceWriter.Fields> fields) {
        now = realClock.getAsLong();
        if (writer != null) {
            writer.write(kind, now - origin, fields);
        }
    }

    /** Something that happens inside the step under way. */
    private void write(TraceKind kind, Consumer<TraceWriter.Fields> fields) {
        if (writer != null) {
            writer.write(kind, 0, fields);
        }
    }

    private void call(Consumer<TraceWriter.Fields> fields) {
        if (callbacks > 0) {
            write(TraceKind.CALL_IN_CALLBACK, fields);
        } else {
            timed(TraceKind.CALL, fields);
        }
    }

    /** The application's handler, each callback written before it runs. */
    private final class RecordingHandler extends ForwardingWebSocketHandler {
        RecordingHandler(WebSocketHandler application) {
            super(application);
        }

        @Override
        public void onOpen(WebSocket socket) {
            event(TraceEvents.open(socket.subprotocol()), () -> super.onOpen(socket));
        }

        @Override
        public void onText(WebSocket socket, String text) {
            event(TraceEvents.text(text), () -> super.onText(socket, text));
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            event(TraceEvents.binary(data), () -> super.onBinary(socket, data));
        }

        @Override
        public void onTextFragment(WebSocket socket, ByteBuffer utf8, boolean last) {
            event(TraceEvents.textFragment(utf8, last), () -> super.onTextFragment(socket, utf8, last));
        }

        @Override
        public void onBinaryFragment(WebSocket socket, ByteBuffer data, boolean last) {
            event(TraceEvents.binaryFragment(data, last), () -> super.onBinaryFragment(socket, data, last));
        }

        @Override
        public void onPing(WebSocket socket, ByteBuffer payload) {
            event(TraceEvents.ping(payload), () -> super.onPing(socket, payload));
        }

        @Override
        public void onPong(WebSocket socket, ByteBuffer payload) {
            event(TraceEvents.pong(payload), () -> super.onPong(socket, payload));
        }

        @Override
        public void onDrain(WebSocket socket) {
            event(TraceEvents.drain(), () -> super.onDrain(socket));
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            event(TraceEvents.close(code, reason), () -> super.onClose(socket, code, reason));
        }

        @Override
        public void onError(WebSocket socket, WebSocketException error) {
            event(TraceEvents.error(error), () -> super.onError(socket, error));
        }

        private void event(String description, Runnable callback) {
            write(TraceKind.EVENT, fields -> fields.text(description));
            callbacks++;
            try {
                callback.run();
            } catch (RuntimeException thrown) {
                write(TraceKind.THREW, fields -> fields.text(thrown.toString()));
                throw thrown;
            } finally {
                callbacks--;
            }
        }
    }

    /** The engine's socket, each call of the application written before it is made. */
    private final class RecordingSocket implements WebSocket, MessageKeeper {
        private final WebSocket socket;

        RecordingSocket(WebSocket socket) {
            this.socket = socket;
        }

        @Override
        public boolean sendText(CharSequence text, boolean last) {
            call(TracedCalls.text(text, last));
            return socket.sendText(text, last);
        }

        @Override
        public boolean sendBinary(ByteBuffer data, boolean last) {
            call(TracedCalls.binary(data, last));
            return socket.sendBinary(data, last);
        }

        @Override
        public boolean transferBinary(ByteBuffer data, boolean last) {
            call(TracedCalls.binary(data, last));
            return socket.transferBinary(data, last);
        }

        @Override
        public KeptMessage keepMessage() {
            return KeptMessage.take(socket);
        }

        /** Recorded as the send it is: the bytes on the wire are the same. */
        @Override
        public boolean forward(KeptMessage message) {
            call(message.isText() ? TracedCalls.text(message.text(), true) : TracedCalls.binary(message.data(), true));
            return message.forwardTo(socket);
        }

        @Override
        public boolean sendPing(ByteBuffer payload) {
            call(TracedCalls.ping(payload));
            return socket.sendPing(payload);
        }

        @Override
        public boolean ping() {
            call(TracedCalls.measuringPing());
            return socket.ping();
        }

        @Override
        public boolean sendPong(ByteBuffer payload) {
            call(TracedCalls.pong(payload));
            return socket.sendPong(payload);
        }

        @Override
        public void close(int code, String reason) {
            call(TracedCalls.close(code, reason));
            socket.close(code, reason);
        }

        @Override
        public void pause() {
            call(TracedCalls.pause());
            socket.pause();
        }

        @Override
        public void resume() {
            call(TracedCalls.resume());
            socket.resume();
        }

        @Override
        public Optional<RoundTrip> roundTrip() {
            return socket.roundTrip();
        }

        @Override
        public ConnectionState state() {
            return socket.state();
        }

        @Override
        public String subprotocol() {
            return socket.subprotocol();
        }

        @Override
        public HttpRequest request() {
            return socket.request();
        }

        @Override
        public Optional<HttpResponse> handshakeResponse() {
            return socket.handshakeResponse();
        }

        @Override
        public SocketAddress remoteAddress() {
            return socket.remoteAddress();
        }

        @Override
        public SocketAddress localAddress() {
            return socket.localAddress();
        }

        @Override
        public Optional<SSLSession> tlsSession() {
            return socket.tlsSession();
        }

        @Override
        public Map<String, Object> attributes() {
            return socket.attributes();
        }

        @Override
        public long pendingOutboundBytes() {
            return socket.pendingOutboundBytes();
        }
    }
}
