package dev.wskit.protocol;

import static dev.wskit.protocol.Rfc6455Examples.concat;
import static dev.wskit.protocol.ServerUnderTest.drain;
import static dev.wskit.protocol.ServerUnderTest.hex;
import static dev.wskit.protocol.Wire.closePayload;
import static dev.wskit.protocol.Wire.masked;
import static dev.wskit.protocol.Wire.unmasked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.frame.FrameDecoder;
import dev.wskit.protocol.frame.FrameHeader;
import dev.wskit.protocol.handshake.ClientHandshake;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The engine in the client role (RFC 6455 §4.1, §5.1, §7.1.1). */
class ClientConnectionTest {

    /** Yields the RFC §1.3 nonce as the handshake key, then seeded masking keys. */
    static Random rfcNonceThenSeeded() {
        return new Random(5) {
            private boolean nonceGiven;

            @Override
            public void nextBytes(byte[] bytes) {
                if (!nonceGiven && bytes.length == 16) {
                    nonceGiven = true;
                    System.arraycopy("the sample nonce".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 16);
                } else {
                    super.nextBytes(bytes);
                }
            }
        };
    }

    private final RecordingHandler events = new RecordingHandler();
    private final WebSocketConfig config = WebSocketConfig.builder().random(rfcNonceThenSeeded()).build();
    private final TestClock clock = new TestClock();
    private final WebSocketEngine client = WebSocketEngine.client(
            ClientHandshake.builder(URI.create("ws://server.example.com/chat")).origin("http://example.com").build(config),
            config, events, clock);

    private void open() {
        String request = new String(drain(client), StandardCharsets.US_ASCII);
        assertThat(request).startsWith("GET /chat HTTP/1.1\r\n").contains("Sec-WebSocket-Key: " + Rfc6455Examples.KEY + "\r\n")
                .endsWith("\r\n\r\n");
        client.receive(ByteBuffer.wrap(Rfc6455Examples.OPENING_RESPONSE.getBytes(StandardCharsets.US_ASCII)));
        assertThat(events.take()).containsExactly("open");
        assertThat(client.socket().state()).isEqualTo(ConnectionState.OPEN);
    }

    @Test
    void opensOnTheRfcResponseAndDecodesTheRfcFrames() {
        open();
        client.receive(ByteBuffer.wrap(concat(Rfc6455Examples.unmaskedHello(), Rfc6455Examples.fragmentHel(),
                Rfc6455Examples.unmaskedPingHello(), Rfc6455Examples.fragmentLo())));
        assertThat(events.take()).containsExactly("text:Hello", "ping:48656c6c6f", "text:Hello");
        byte[] pong = drain(client);
        assertThat(pong[0] & 0xff).isEqualTo(0x8a);
        assertThat(unmaskedPayload(pong)).isEqualTo("Hello");
    }

    @Test
    void keepsAFrameThatArrivesWithThe101() {
        drain(client);
        client.receive(ByteBuffer.wrap(concat(
                Rfc6455Examples.OPENING_RESPONSE.getBytes(StandardCharsets.US_ASCII), Rfc6455Examples.unmaskedHello())));
        assertThat(events.take()).containsExactly("open", "text:Hello");
    }

    @Test
    void masksEveryFrameWithAFreshKey() {
        open();
        client.socket().sendText("Hello");
        client.socket().sendText("Hello");
        byte[] first = drain(client);
        assertThat(first).hasSize(11 * 2);
        assertThat(first[1] & 0x80).as("client frames are masked").isEqualTo(0x80);
        byte[] second = java.util.Arrays.copyOfRange(first, 11, 22);
        assertThat(unmaskedPayload(first)).isEqualTo("Hello");
        assertThat(unmaskedPayload(second)).isEqualTo("Hello");
        assertThat(java.util.Arrays.copyOfRange(first, 2, 6)).isNotEqualTo(java.util.Arrays.copyOfRange(second, 2, 6));
    }

    @Test
    void failsWith1002OnAMaskedServerFrameAndMasksItsOwnClose() {
        open();
        client.receive(ByteBuffer.wrap(masked(0x81, "Hello")));
        assertThat(events.take()).containsExactly("error:MASKED_SERVER_FRAME", "close:1002:");
        byte[] close = drain(client);
        assertThat(close[0] & 0xff).isEqualTo(0x88);
        assertThat(close[1] & 0x80).isEqualTo(0x80);
        assertThat(client.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
    }

    @Test
    void waitsForTheServerToCloseTcpAfterTheClosingHandshake() {
        open();
        client.receive(ByteBuffer.wrap(unmasked(0x88, closePayload(1000, "done"))));
        assertThat(events.take()).containsExactly("close:1000:done");
        assertThat(hex(unmaskedPayloadBytes(drain(client)))).isEqualTo("03e8");
        assertThat(client.socket().state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(client.transportEnd()).as("RFC 6455 §7.1.1: the server closes first").isEqualTo(TransportEnd.NONE);
        clock.advance(Duration.ofSeconds(5));
        client.wakeUp();
        assertThat(client.transportEnd()).as("the server had its close timeout").isEqualTo(TransportEnd.ABORT);
        assertThat(events.take()).isEmpty();
    }

    @Test
    void refusesAResponseWithTheWrongAccept() {
        drain(client);
        client.receive(ByteBuffer.wrap(Rfc6455Examples.OPENING_RESPONSE.replace("xOo=", "xOA=")
                .getBytes(StandardCharsets.US_ASCII)));
        assertThat(events.take()).containsExactly("error:WRONG_ACCEPT");
        assertThat(client.failure().violation()).isEqualTo(ProtocolViolation.WRONG_ACCEPT);
        assertThat(client.socket().state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(client.transportEnd()).isEqualTo(TransportEnd.ABORT);
        assertThat(drain(client)).as("nothing is sent before a handshake").isEmpty();
    }

    @Test
    void reportsAHandshakeCutShortByTheServer() {
        drain(client);
        client.receive(ByteBuffer.wrap("HTTP/1.1 101 Switching".getBytes(StandardCharsets.US_ASCII)));
        client.transportClosed();
        assertThat(events.take()).containsExactly("error:HANDSHAKE_INCOMPLETE");
        assertThat(client.failure().violation()).isEqualTo(ProtocolViolation.HANDSHAKE_INCOMPLETE);
    }

    @Test
    void dropsAServerThatNeverAnswersTheHandshake() {
        drain(client);
        clock.advance(Duration.ofSeconds(10));
        client.wakeUp();
        assertThat(events.take()).containsExactly("error:HANDSHAKE_TIMEOUT");
        assertThat(client.transportEnd()).isEqualTo(TransportEnd.ABORT);
        assertThat(drain(client)).isEmpty();
    }

    /** Decodes one client frame with a server-role decoder, which unmasks it. */
    static String unmaskedPayload(byte[] frame) {
        return new String(unmaskedPayloadBytes(frame), StandardCharsets.UTF_8);
    }

    static byte[] unmaskedPayloadBytes(byte[] frame) {
        FrameDecoder decoder = new FrameDecoder(Role.SERVER, 1 << 20);
        decoder.allowReservedBits(FrameHeader.B0_RSV_BITS);
        ByteBuffer in = ByteBuffer.wrap(frame.clone());
        assertThat(decoder.next(in)).isEqualTo(FrameDecoder.Step.HEADER);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (decoder.next(in) == FrameDecoder.Step.PAYLOAD) {
            out.write(in.array(), decoder.chunkStart(), decoder.chunkEnd() - decoder.chunkStart());
        }
        return out.toByteArray();
    }
}
