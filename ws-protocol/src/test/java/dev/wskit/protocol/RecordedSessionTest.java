package dev.wskit.protocol;

import static dev.wskit.protocol.Rfc6455Examples.concat;
import static dev.wskit.protocol.ServerUnderTest.drain;
import static dev.wskit.protocol.ServerUnderTest.hex;
import static dev.wskit.protocol.Wire.closePayload;
import static dev.wskit.protocol.Wire.masked;
import static dev.wskit.protocol.Wire.unmasked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.handshake.ClientHandshake;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A use with no socket: a whole session recorded as bytes, both directions, replayed through a
 * server engine and a client engine. The server's output must be the recorded reply to the byte.
 */
class RecordedSessionTest {
    private static final byte[] BINARY_256 = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            BINARY_256[i] = (byte) i;
        }
    }

    /** What a browser sent: the §1.3 request, then frames masked as §5.7 masks them. */
    private static final byte[] FROM_CLIENT = concat(
            Rfc6455Examples.OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII),
            Rfc6455Examples.maskedHello(),
            masked(0x01, "Hel"), masked(0x89, "are you there"), masked(0x80, "lo"),
            masked(0x82, BINARY_256),
            masked(0x88, closePayload(1000, "bye")));

    /** What an echo server must answer, exactly. */
    private static final byte[] FROM_SERVER = concat(
            Rfc6455Examples.OPENING_RESPONSE.getBytes(StandardCharsets.US_ASCII),
            Rfc6455Examples.unmaskedHello(),
            unmasked(0x8a, "are you there"),
            Rfc6455Examples.unmaskedHello(),
            concat(Rfc6455Examples.binary256Header(), BINARY_256),
            unmasked(0x88, closePayload(1000, "")));

    private static final WebSocketHandler ECHO = new WebSocketHandler() {
        @Override
        public void onText(WebSocket socket, String text) {
            socket.sendText(text);
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            socket.sendBinary(data);
        }
    };

    @Test
    void anEchoServerAnswersTheRecordedClientExactlyWhateverTheReadSizes() {
        for (int readSize : new int[] {FROM_CLIENT.length, 1, 2, 3, 7, 64, 200}) {
            WebSocketEngine server = WebSocketEngine.server(WebSocketConfig.defaults(), ECHO, new TestClock());
            byte[] fromClient = FROM_CLIENT.clone();
            byte[] written = new byte[0];
            for (int at = 0; at < FROM_CLIENT.length; at += readSize) {
                server.receive(ByteBuffer.wrap(fromClient, at, Math.min(readSize, FROM_CLIENT.length - at)));
                written = concat(written, drain(server));
            }
            assertThat(hex(written)).as("read size %d", readSize).isEqualTo(hex(FROM_SERVER));
            assertThat(server.socket().state()).isEqualTo(ConnectionState.CLOSED);
            assertThat(server.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
        }
    }

    @Test
    void aClientReadsTheRecordedServerSide() {
        WebSocketConfig config = WebSocketConfig.builder().random(ClientConnectionTest.rfcNonceThenSeeded()).build();
        List<String> seen = new ArrayList<>();
        WebSocketEngine client = WebSocketEngine.client(
                ClientHandshake.builder(URI.create("ws://server.example.com/chat")).origin("http://example.com").build(config),
                config, new WebSocketHandler() {
                    @Override
                    public void onText(WebSocket socket, String text) {
                        seen.add("text:" + text);
                    }

                    @Override
                    public void onBinary(WebSocket socket, ByteBuffer data) {
                        seen.add("binary:" + data.remaining());
                    }

                    @Override
                    public void onPong(WebSocket socket, ByteBuffer payload) {
                        seen.add("pong:" + StandardCharsets.UTF_8.decode(payload));
                    }

                    @Override
                    public void onClose(WebSocket socket, int code, String reason) {
                        seen.add("close:" + code);
                    }
                }, new TestClock());
        assertThat(new String(drain(client), StandardCharsets.US_ASCII)).contains("Sec-WebSocket-Key: " + Rfc6455Examples.KEY);
        client.receive(ByteBuffer.wrap(FROM_SERVER));
        assertThat(seen).containsExactly("text:Hello", "pong:are you there", "text:Hello", "binary:256", "close:1000");
        assertThat(hex(ClientConnectionTest.unmaskedPayloadBytes(drain(client)))).isEqualTo("03e8");
    }
}
