package dev.wskit.testkit.kit;

import static dev.wskit.protocol.ProtocolViolation.UNMASKED_CLIENT_FRAME;
import static dev.wskit.protocol.ProtocolViolation.UNSUPPORTED_VERSION;
import static dev.wskit.testkit.kit.Kit.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.Backpressure;
import dev.wskit.protocol.CloseSummary;
import dev.wskit.protocol.ConnectionInfo;
import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.Direction;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.RoundTrip;
import dev.wskit.protocol.WebSocketConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A server's {@link ConnectionListener} over real sockets, the same on every transport, with
 * peers we did not write (the JDK's client, raw bytes): it hears the open, each message's size,
 * the close with its code, initiator and counts, a peer's violation, and a rejected opening
 * handshake. A listener that throws changes nothing for the connection. A client's listener is
 * {@link ClientListenerCases}.
 */
public interface ListenerCases extends TransportCases {

    /**
     * Frame bytes each way: "hello" masked (2 + 4 + 5) and close 1000 "done" masked (2 + 4 + 6)
     * in; "hello" (2 + 5) and the close reply, which echoes the code alone (2 + 2), out.
     */
    @Test
    default void theJdkClientsOpenEchoAndCloseAreHeardWithCodeInitiatorAndCounts(Kit kit) throws Exception {
        ListenerRecorder heard = kit.listenerRecorder("server listener");
        RecordingServer server = kit.echoServer(WebSocketConfig.defaults(), settings -> settings.listener(heard));
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        heard.expect("opened:" + kit.transport().name() + ":SERVER:loopback:null:null");

        await(jdk.socket().sendText("hello", true));
        serverSide.expectText("hello");
        jdk.expectText("hello");
        heard.expect("message:IN:5", "message:OUT:5");
        await(jdk.socket().sendClose(1000, "done"));
        serverSide.expect("close:1000:done");
        jdk.expect("close:1000:");

        heard.expect("closed:1000:done:REMOTE:in=23/1:out=11/1");
    }

    @Test
    default void aBadFrameIsHeardAsItsViolationAndAClose1002ThisEndStarted(Kit kit) throws Exception {
        ListenerRecorder heard = kit.listenerRecorder("server listener");
        RecordingServer server = kit.echoServer(WebSocketConfig.defaults(), settings -> settings.listener(heard));
        RawPeer peer = kit.rawUpgraded(server.port());
        Recorder serverSide = server.nextOpenConnection();
        heard.expect("opened:" + kit.transport().name() + ":SERVER:loopback:null:null");

        peer.write(RawPeer.unmasked(0x81, "Hello".getBytes(StandardCharsets.UTF_8)));
        peer.readToEnd();
        peer.close();
        serverSide.expect("error:" + UNMASKED_CLIENT_FRAME, "close:1002:");

        heard.expect("violation:" + UNMASKED_CLIENT_FRAME + ":1002");
        String reason = UNMASKED_CLIENT_FRAME.description();
        // The frame's bytes were read up to the broken rule; out went one close frame (2 + 2 + reason).
        assertThat(heard.nextNote()).startsWith("closed:1002:" + reason + ":LOCAL:in=")
                .endsWith(":out=" + (4 + reason.length()) + "/0");
    }

    @Test
    default void aRejectedOpeningHandshakeIsHeardWithItsStatusAndNoClose(Kit kit) throws Exception {
        ListenerRecorder heard = kit.listenerRecorder("server listener");
        RecordingServer server = kit.echoServer(WebSocketConfig.defaults(), settings -> settings.listener(heard));
        RawPeer peer = kit.raw(server.port());
        peer.write(RawPeer.UPGRADE.replace("Version: 13", "Version: 12"));
        assertThat(new String(peer.readToEnd(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 426 ");
        server.nextConnection().expect("error:" + UNSUPPORTED_VERSION);

        heard.expect("rejected:426:" + UNSUPPORTED_VERSION);
    }

    @Test
    default void aListenerThatThrowsChangesNothingForTheConnection(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(WebSocketConfig.defaults(), settings -> settings.listener(new Throwing()));
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        await(jdk.socket().sendText("still echoed", true));
        serverSide.expectText("still echoed");
        jdk.expectText("still echoed");
        await(jdk.socket().sendClose(1000, ""));
        serverSide.expect("close:1000:");
        jdk.expect("close:1000:");
    }

    /** Throws from every event. */
    final class Throwing implements ConnectionListener {
        @Override
        public void opened(ConnectionInfo connection, String subprotocol, String extensions) {
            throw new IllegalStateException("listener failed on open");
        }

        @Override
        public void handshakeRejected(ConnectionInfo connection, int status, ProtocolViolation violation) {
            throw new IllegalStateException("listener failed on a rejection");
        }

        @Override
        public void violation(ConnectionInfo connection, ProtocolViolation violation) {
            throw new IllegalStateException("listener failed on a violation");
        }

        @Override
        public void backpressure(ConnectionInfo connection, Backpressure backpressure, long unwrittenBytes) {
            throw new IllegalStateException("listener failed on backpressure");
        }

        @Override
        public void roundTrip(ConnectionInfo connection, RoundTrip roundTrip) {
            throw new IllegalStateException("listener failed on a round trip");
        }

        @Override
        public void message(ConnectionInfo connection, Direction direction, long payloadBytes) {
            throw new IllegalStateException("listener failed on a message");
        }

        @Override
        public void closed(ConnectionInfo connection, CloseSummary summary) {
            throw new IllegalStateException("listener failed on close");
        }
    }
}
