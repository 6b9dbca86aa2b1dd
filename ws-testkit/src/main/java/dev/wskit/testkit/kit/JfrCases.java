package dev.wskit.testkit.kit;

import static dev.wskit.testkit.kit.Kit.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

/**
 * The Flight Recorder events a server of this transport records with no setting of its own, read
 * back from a recording of this process while the JDK's client talks to it over loopback: the
 * session's open and close with their fields, a rejected handshake's status, a ping's round trip.
 */
public interface JfrCases extends TransportCases {

    @Test
    default void aSessionIsRecordedAsOpenedThenClosedAndARejectedHandshakeAsItsStatus(Kit kit) throws Exception {
        BlockingQueue<RecordedEvent> recorded = new LinkedBlockingQueue<>();
        try (RecordingStream recording = new RecordingStream()) {
            for (String name : new String[] {"ConnectionOpened", "ConnectionClosed", "HandshakeRejected"}) {
                recording.enable("dev.wskit." + name);
            }
            recording.onEvent(recorded::add);
            recording.startAsync();

            RecordingServer server = kit.echoServer(WebSocketConfig.defaults());
            JdkRecorder jdk = kit.jdk(server.uri());
            Recorder serverSide = server.nextOpenConnection();
            await(jdk.socket().sendText("hello", true));
            jdk.expectText("hello");
            serverSide.expectText("hello");
            await(jdk.socket().sendClose(1000, "done"));
            jdk.expect("close:1000:");
            serverSide.expect("close:1000:done");
            try (RawPeer peer = kit.raw(server.port())) {
                peer.write(RawPeer.UPGRADE.replace("Version: 13", "Version: 12"));
                assertThat(new String(peer.readToEnd(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 426 ");
            }
            server.nextConnection().expect("error:" + ProtocolViolation.UNSUPPORTED_VERSION);

            // Committed on different threads (the rejection may race the close), so taken by type.
            Map<String, RecordedEvent> byType = byType(recorded, 3);
            RecordedEvent opened = byType.get("dev.wskit.ConnectionOpened");
            assertThat(opened.getString("transport")).isEqualTo(kit.transport().name());
            assertThat(opened.getString("role")).isEqualTo("SERVER");
            assertThat(opened.getString("remoteAddress")).contains("127.0.0.1");
            assertThat(opened.getEventType().getCategoryNames()).containsExactly("wskit");

            // In: "hello" masked (2 + 4 + 5), close 1000 "done" masked (2 + 4 + 6); out: "hello" (2 + 5), 1000 (2 + 2).
            RecordedEvent closed = byType.get("dev.wskit.ConnectionClosed");
            assertThat(closed.getInt("code")).isEqualTo(1000);
            assertThat(closed.getString("reason")).isEqualTo("done");
            assertThat(closed.getString("initiator")).isEqualTo("REMOTE");
            assertThat(closed.getString("remoteAddress")).isEqualTo(opened.getString("remoteAddress"));
            assertThat(closed.getLong("bytesIn")).isEqualTo(23);
            assertThat(closed.getLong("bytesOut")).isEqualTo(11);
            assertThat(closed.getLong("messagesIn")).isEqualTo(1);
            assertThat(closed.getLong("messagesOut")).isEqualTo(1);
            assertThat(closed.getDuration("connectionDuration")).isPositive();

            RecordedEvent rejected = byType.get("dev.wskit.HandshakeRejected");
            assertThat(rejected.getInt("status")).isEqualTo(426);
            assertThat(rejected.getString("violation")).isEqualTo(ProtocolViolation.UNSUPPORTED_VERSION.name());
            assertThat(rejected.getString("source")).isEqualTo(ProtocolViolation.UNSUPPORTED_VERSION.source());
        }
    }

    @Test
    default void aPingsRoundTripIsRecorded(Kit kit) throws Exception {
        BlockingQueue<RecordedEvent> recorded = new LinkedBlockingQueue<>();
        try (RecordingStream recording = new RecordingStream()) {
            recording.enable("dev.wskit.RoundTrip");
            // The connection's other events are recorded too (wskit's events are on by default).
            recording.onEvent("dev.wskit.RoundTrip", recorded::add);
            recording.startAsync();

            var server = kit.server(builder -> builder.handler(() -> new WebSocketHandler() {
                @Override
                public void onOpen(WebSocket socket) {
                    socket.ping();
                }
            }));
            // The JDK's client answers the ping by itself (RFC 6455 §5.5.3); a measuring ping
            // carries its number.
            JdkRecorder jdk = kit.jdk(URI.create("ws://127.0.0.1:" + server.port() + "/"));
            jdk.expect("ping:1");

            RecordedEvent roundTrip = byType(recorded, 1).get("dev.wskit.RoundTrip");
            assertThat(roundTrip.getString("transport")).isEqualTo(kit.transport().name());
            assertThat(roundTrip.getDuration("latest")).isPositive();
            assertThat(roundTrip.getDuration("smoothed")).as("the first measurement is the smoothed value (RFC 6298 §2.2)")
                    .isEqualTo(roundTrip.getDuration("latest"));
        }
    }

    /**
     * The next {@code count} recorded events, each of a type of its own, by type name; the stream
     * flushes about once a second.
     */
    private static Map<String, RecordedEvent> byType(BlockingQueue<RecordedEvent> recorded, int count)
            throws InterruptedException {
        Map<String, RecordedEvent> byType = new HashMap<>();
        while (byType.size() < count) {
            RecordedEvent event = recorded.poll(Events.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("event " + (byType.size() + 1) + " of " + count + ", after " + byType.keySet()).isNotNull();
            assertThat(byType.put(event.getEventType().getName(), event)).as("a second " + event.getEventType().getName())
                    .isNull();
        }
        return byType;
    }
}
