package dev.wskit.protocol;

import static dev.wskit.protocol.ServerUnderTest.drain;
import static dev.wskit.protocol.Wire.closePayload;
import static dev.wskit.protocol.Wire.masked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the engine tells a {@link ConnectionListener}, on a stepped clock: who started a close,
 * how long the connection lasted, the engine's own reasons to fail (keepalive, memory budget,
 * a peer that does not read), an application's rejection, a client's refused handshake with the
 * server's status, and a listener that throws.
 */
class ConnectionListenerThroughEngineTest {
    private static final InetSocketAddress PEER = InetSocketAddress.createUnresolved("peer.example", 4711);

    private final TestClock clock = new TestClock();
    private final RecordingHandler events = new RecordingHandler();
    private final List<String> heard = new ArrayList<>();

    @Test
    void aCloseTheApplicationStartsIsLocalAndLastsFromTheOpenToTheTcpClose() {
        WebSocketEngine engine = opened(WebSocketConfig.defaults());
        clock.advance(Duration.ofSeconds(3));
        engine.socket().close(1000, "bye");
        drain(engine);
        engine.receive(ByteBuffer.wrap(masked(0x88, closePayload(1000, new byte[0]))));
        engine.transportClosed();
        assertThat(heard).containsExactly("opened:test:SERVER:peer.example:null:null",
                "closed:1000::LOCAL:3000000000ns:in=8/0:out=7/0");
    }

    @Test
    void aSilentPeerIsAKeepaliveTimeoutAndAnAbort() {
        Duration idle = Duration.ofSeconds(30);
        WebSocketEngine engine = opened(WebSocketConfig.builder().idleTimeout(idle).build());
        clock.advance(idle);
        engine.wakeUp();
        drain(engine);
        clock.advance(idle);
        engine.wakeUp();
        engine.transportClosed();
        assertThat(heard).containsExactly("opened:test:SERVER:peer.example:null:null",
                "violation:KEEPALIVE_TIMEOUT", "closed:1006::ABORT:60000000000ns:in=0/0:out=3/0");
    }

    @Test
    void aShedIsTheMemoryBudgetsViolationClosedWith1013() {
        WebSocketEngine engine = opened(WebSocketConfig.defaults());
        engine.shed();
        engine.transportClosed();
        assertThat(heard).hasSize(3).element(1).isEqualTo("violation:MEMORY_BUDGET_EXCEEDED");
        assertThat(heard.get(2)).startsWith("closed:1013:" + ProtocolViolation.MEMORY_BUDGET_EXCEEDED.description() + ":LOCAL:");
    }

    @Test
    void backpressurePausesDrainsAndDropsAsTheUnwrittenBytesSay() {
        WebSocketConfig config = WebSocketConfig.defaults();
        WebSocketEngine engine = opened(config);
        engine.checkOutboundBacklog(config.outboundHighWaterMark() + 1);
        engine.checkOutboundBacklog(config.outboundHighWaterMark() + 2);
        engine.checkOutboundBacklog(config.outboundLowWaterMark());
        engine.checkOutboundBacklog(config.maxOutboundBytes() + 1);
        assertThat(heard).containsExactly("opened:test:SERVER:peer.example:null:null",
                "backpressure:PAUSED", "backpressure:DRAINED", "backpressure:DROPPED", "violation:OUTBOUND_LIMIT_EXCEEDED");
    }

    @Test
    void anApplicationsRejectionIsHeardWithItsStatusAndNoViolation() {
        WebSocketEngine engine = WebSocketEngine.server(WebSocketConfig.defaults(), request -> UpgradeDecision.reject(403),
                events, clock);
        engine.listener(new Recording(), "test", PEER);
        engine.receive(request());
        engine.transportClosed();
        assertThat(heard).containsExactly("rejected:403:null");
    }

    @Test
    void aClientHearsTheStatusOfARefusalWhoseBodyHasALength() {
        WebSocketEngine client = client();
        client.receive(ascii("HTTP/1.1 403 Forbidden\r\nContent-Length: 2\r\n\r\nno"));
        assertThat(heard).containsExactly("rejected:403:STATUS_NOT_101");
    }

    /** RFC 9112 §6.3 item 8: a body with no length ends when the server closes, and the refusal with it. */
    @Test
    void aClientHearsTheStatusOfARefusalThatEndsAtTheClose() {
        WebSocketEngine client = client();
        client.receive(ascii("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n"));
        client.transportClosed();
        assertThat(heard).containsExactly("rejected:503:STATUS_NOT_101");
    }

    @Test
    void aClientThatGotNoAnswerHearsStatusZero() {
        WebSocketEngine client = client();
        client.transportClosed();
        assertThat(heard).containsExactly("rejected:0:HANDSHAKE_INCOMPLETE");
    }

    @Test
    void aListenerThatThrowsLeavesTheConnectionAsItWas() {
        WebSocketEngine engine = WebSocketEngine.server(WebSocketConfig.defaults(), events, clock);
        engine.listener(new ConnectionListener() {
            @Override
            public void opened(ConnectionInfo connection, String subprotocol, String extensions) {
                throw new IllegalStateException("listener failed");
            }
        }, "test", PEER);
        engine.receive(request());
        drain(engine);
        engine.receive(ByteBuffer.wrap(masked(0x81, "hi")));
        assertThat(events.take()).containsExactly("open", "text:hi");
        assertThat(engine.socket().state()).isEqualTo(ConnectionState.OPEN);
    }

    private WebSocketEngine opened(WebSocketConfig config) {
        WebSocketEngine engine = WebSocketEngine.server(config, events, clock);
        engine.listener(new Recording(), "test", PEER);
        engine.receive(request());
        drain(engine);
        assertThat(events.take()).containsExactly("open");
        return engine;
    }

    private WebSocketEngine client() {
        WebSocketEngine engine = WebSocketEngine.client(
                ClientHandshake.builder(URI.create("ws://server.example/")).build(WebSocketConfig.defaults()),
                WebSocketConfig.defaults(), events, clock);
        engine.listener(new Recording(), "test", PEER);
        drain(engine);
        return engine;
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static ByteBuffer request() {
        return ByteBuffer.wrap(Rfc6455Examples.OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII));
    }

    /** Records each event as a line in {@link #heard}. */
    private final class Recording implements ConnectionListener {
        @Override
        public void opened(ConnectionInfo connection, String subprotocol, String extensions) {
            heard.add("opened:" + connection.transport() + ":" + connection.role() + ":"
                    + ((InetSocketAddress) connection.remoteAddress()).getHostString() + ":" + subprotocol + ":" + extensions);
        }

        @Override
        public void handshakeRejected(ConnectionInfo connection, int status, ProtocolViolation violation) {
            heard.add("rejected:" + status + ":" + violation);
        }

        @Override
        public void violation(ConnectionInfo connection, ProtocolViolation violation) {
            heard.add("violation:" + violation);
        }

        @Override
        public void backpressure(ConnectionInfo connection, Backpressure backpressure, long unwrittenBytes) {
            heard.add("backpressure:" + backpressure);
        }

        @Override
        public void closed(ConnectionInfo connection, CloseSummary summary) {
            heard.add("closed:" + summary.code() + ":" + summary.reason() + ":" + summary.initiator() + ":"
                    + summary.durationNanos() + "ns:in=" + summary.bytesIn() + "/" + summary.messagesIn()
                    + ":out=" + summary.bytesOut() + "/" + summary.messagesOut());
        }
    }
}
