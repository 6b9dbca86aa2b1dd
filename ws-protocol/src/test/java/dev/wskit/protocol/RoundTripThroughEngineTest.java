package dev.wskit.protocol;

import static dev.wskit.protocol.ServerUnderTest.drain;
import static dev.wskit.protocol.ServerUnderTest.hex;
import static dev.wskit.protocol.Wire.masked;
import static dev.wskit.protocol.Wire.unmasked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.handshake.AcceptKey;
import dev.wskit.protocol.handshake.ClientHandshake;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The round-trip time a measuring ping's pong tells (RFC 6455 §5.5.2, §5.5.3), on a stepped
 * clock: the keepalive's pings and the application's {@link WebSocket#ping()} measure it, only the
 * pong of the last one counts, and the smoothed value follows RFC 6298 §2 (weight 1/8).
 */
class RoundTripThroughEngineTest {
    private static final Duration IDLE = Duration.ofSeconds(30);

    private final TestClock clock = new TestClock();
    private final RecordingHandler events = new RecordingHandler();
    private final List<String> heard = new ArrayList<>();

    @Test
    void theKeepalivePingsPongMeasuresTheRoundTrip() {
        WebSocketEngine server = server(WebSocketConfig.builder().idleTimeout(IDLE).build());
        assertThat(server.socket().roundTrip()).as("nothing measured yet").isEmpty();
        clock.advance(IDLE);
        server.wakeUp();
        assertThat(hex(drain(server))).as("ping number 1, its number in ASCII").isEqualTo("890131");
        clock.advance(Duration.ofMillis(40));
        server.receive(ByteBuffer.wrap(masked(0x8a, "1")));
        assertThat(server.socket().roundTrip()).contains(new RoundTrip(40_000_000, 40_000_000));
        assertThat(events.take()).as("the handler still hears the pong").containsExactly("pong:31");
        assertThat(heard).containsExactly("roundTrip:40000000/40000000");
    }

    @Test
    void theSmoothedValueMovesAnEighthOfTheWayToEachNewMeasurement() {
        WebSocketEngine server = server(WebSocketConfig.defaults());
        measure(server, "1", Duration.ofMillis(40));
        measure(server, "2", Duration.ofMillis(120));
        // RFC 6298 §2.3: SRTT = 7/8 SRTT + 1/8 R' = 35 ms + 15 ms.
        assertThat(server.socket().roundTrip()).contains(new RoundTrip(120_000_000, 50_000_000));
        assertThat(server.socket().roundTrip().orElseThrow().smoothed()).isEqualTo(Duration.ofMillis(50));
        assertThat(heard).containsExactly("roundTrip:40000000/40000000", "roundTrip:120000000/50000000");
    }

    @Test
    void onlyThePongOfTheLastMeasuringPingCounts() {
        WebSocketEngine server = server(WebSocketConfig.defaults());
        assertThat(server.socket().ping()).isTrue();
        assertThat(server.socket().ping()).isTrue();
        assertThat(hex(drain(server))).isEqualTo("890131" + "890132");
        clock.advance(Duration.ofMillis(10));
        server.receive(ByteBuffer.wrap(masked(0x8a, new byte[0])));
        server.receive(ByteBuffer.wrap(masked(0x8a, "1")));
        server.receive(ByteBuffer.wrap(masked(0x8a, "22")));
        assertThat(server.socket().roundTrip()).as("unsolicited, superseded, or not ours").isEmpty();
        server.receive(ByteBuffer.wrap(masked(0x8a, "2")));
        server.receive(ByteBuffer.wrap(masked(0x8a, "2")));
        assertThat(server.socket().roundTrip()).as("once").contains(new RoundTrip(10_000_000, 10_000_000));
        assertThat(heard).hasSize(1);
        assertThat(events.take()).containsExactly("pong:", "pong:31", "pong:3232", "pong:32", "pong:32");
    }

    @Test
    void anApplicationsOwnPingMeasuresNothingAndAPingAfterTheCloseIsRefused() {
        WebSocketEngine server = server(WebSocketConfig.defaults());
        server.socket().sendPing(ByteBuffer.wrap("1".getBytes(StandardCharsets.US_ASCII)));
        server.receive(ByteBuffer.wrap(masked(0x8a, "1")));
        assertThat(server.socket().roundTrip()).isEmpty();
        server.socket().close();
        assertThat(server.socket().ping()).isFalse();
        drain(server);
        events.take();
    }

    @Test
    void aClientMeasuresTheServersUnmaskedPong() {
        WebSocketConfig config = WebSocketConfig.builder().idleTimeout(IDLE).build();
        WebSocketEngine client = WebSocketEngine.client(
                ClientHandshake.builder(URI.create("ws://server.example.com/chat")).build(config), config, events, clock);
        String request = new String(drain(client), StandardCharsets.US_ASCII);
        String key = request.lines().filter(line -> line.startsWith("Sec-WebSocket-Key: ")).findFirst().orElseThrow()
                .substring("Sec-WebSocket-Key: ".length());
        client.receive(ByteBuffer.wrap(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + AcceptKey.of(key) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        clock.advance(IDLE);
        client.wakeUp();
        byte[] ping = drain(client);
        assertThat(hex(ping)).as("a masked ping of one byte").startsWith("8981");
        clock.advance(Duration.ofMillis(7));
        client.receive(ByteBuffer.wrap(unmasked(0x8a, "1")));
        assertThat(client.socket().roundTrip()).contains(new RoundTrip(7_000_000, 7_000_000));
        assertThat(events.take()).containsExactly("open", "pong:31");
    }

    private void measure(WebSocketEngine server, String number, Duration took) {
        assertThat(server.socket().ping()).isTrue();
        assertThat(hex(drain(server))).isEqualTo("8901" + hex(number.getBytes(StandardCharsets.US_ASCII)));
        clock.advance(took);
        server.receive(ByteBuffer.wrap(masked(0x8a, number)));
        events.take();
    }

    private WebSocketEngine server(WebSocketConfig config) {
        WebSocketEngine engine = WebSocketEngine.server(config, events, clock);
        engine.listener(new ConnectionListener() {
            @Override
            public void roundTrip(ConnectionInfo connection, RoundTrip roundTrip) {
                heard.add("roundTrip:" + roundTrip.latestNanos() + "/" + roundTrip.smoothedNanos());
            }
        }, "test", null);
        engine.receive(ByteBuffer.wrap(Rfc6455Examples.OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII)));
        drain(engine);
        assertThat(events.take()).containsExactly("open");
        return engine;
    }
}
