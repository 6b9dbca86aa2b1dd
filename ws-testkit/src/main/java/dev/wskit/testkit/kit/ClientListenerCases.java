package dev.wskit.testkit.kit;

import static dev.wskit.protocol.ProtocolViolation.STATUS_NOT_101;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.handshake.UpgradeRefusedException;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The transport's client's {@link ConnectionListener} against the transport's own server: it
 * hears its open, its messages, a measured round trip, its close, and a refusal with the server's
 * status. A server's listener is {@link ListenerCases}.
 */
public interface ClientListenerCases extends TransportCases {

    /**
     * The client's side of a connection this end closes: out, "héllo" masked (2 + 4 + 6), the
     * measuring ping "1" masked (2 + 4 + 1) and close 1000 "done" masked (2 + 4 + 6); in, the echo
     * (2 + 6), the pong (2 + 1) and the close reply echoing the code (2 + 2).
     */
    @Test
    default void aClientsListenerHearsItsOpenMessagesRoundTripAndClose(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        ListenerRecorder heard = kit.listenerRecorder("client listener");
        Recorder client = kit.connect(kit.client(settings -> settings.listener(heard)), server.uri());
        Recorder serverSide = server.nextOpenConnection();
        heard.expect("opened:" + kit.transport().name() + ":CLIENT:loopback:null:null");

        client.socket().sendText("héllo");
        serverSide.expectText("héllo");
        client.expectText("héllo");
        heard.expect("message:OUT:6", "message:IN:6");
        client.socket().ping();
        serverSide.expect("ping:1");
        client.expect("pong:1");
        heard.expect("roundTrip");
        client.socket().close(1000, "done");
        serverSide.expect("close:1000:done");
        client.expect("close:1000:");

        heard.expect("closed:1000::LOCAL:in=15/1:out=31/1");
    }

    /** RFC 6455 §4.1 item 1: any status but 101 fails the connection; the listener hears the server's. */
    @Test
    default void aClientsListenerHearsARefusalWithTheServersStatus(Kit kit) throws Exception {
        TransportUnderTest.Server server = kit.server(WebSocketConfig.defaults(), request -> UpgradeDecision.reject(403));
        ListenerRecorder heard = kit.listenerRecorder("client listener");
        TransportUnderTest.Client client = kit.client(settings -> settings.listener(heard));

        Throwable failure = Kit.failureOf(client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"),
                new WebSocketHandler() { }));

        assertThat(failure).isInstanceOf(UpgradeRefusedException.class);
        heard.expect("rejected:403:" + STATUS_NOT_101);
    }
}
