package dev.wskit.testkit.kit;

import static dev.wskit.testkit.kit.Kit.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.engine.PreparedMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * One message to many connections, encoded once ({@link PreparedMessage}): sent from a thread that
 * owns none of them, and from inside one connection's callback, which owns that one only.
 */
public interface BroadcastCases extends TransportCases {

    @Test
    default void aPreparedMessageReachesEveryClientOnceFromAnyThread(Kit kit) throws Exception {
        int clients = 20;
        List<WebSocket> room = new CopyOnWriteArrayList<>();
        RecordingServer server = kit.server(WebSocketConfig.defaults(), null, recorder -> new ForwardingWebSocketHandler(recorder) {
            @Override
            public void onText(WebSocket socket, String text) {
                super.onText(socket, text);
                PreparedMessage line = PreparedMessage.text(text);
                room.forEach(line::sendTo);
            }
        });
        List<JdkRecorder> jdks = new ArrayList<>();
        List<Recorder> serverSides = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            jdks.add(kit.jdk(server.uri()));
            Recorder serverSide = server.nextOpenConnection();
            serverSides.add(serverSide);
            room.add(serverSide.socket());
        }

        // 70,000 bytes: a 64-bit length, and more than one read for every client.
        byte[] bulletin = Payloads.binary(70_000);
        PreparedMessage prepared = PreparedMessage.binary(ByteBuffer.wrap(bulletin));
        for (WebSocket socket : room) {
            assertThat(prepared.sendTo(socket)).isTrue();
        }
        for (JdkRecorder jdk : jdks) {
            jdk.expectBinary(bulletin);
        }

        await(jdks.get(3).socket().sendText("héllo, everyone 🌍", true));
        serverSides.get(3).expectText("héllo, everyone 🌍");
        // The kit's recorder echoes too: the sender gets its line back twice, everyone else once.
        jdks.get(3).expectText("héllo, everyone 🌍");
        for (JdkRecorder jdk : jdks) {
            jdk.expectText("héllo, everyone 🌍");
        }
    }

    /** A closed connection refuses it as it refuses a send: false, not an exception. */
    @Test
    default void aClosedConnectionRefusesAPreparedMessage(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        serverSide.socket().close(4000, "done");
        jdk.expect("close:4000:done");
        serverSide.expect("close:4000:");
        assertThat(PreparedMessage.text("too late").sendTo(serverSide.socket())).isFalse();
    }
}
