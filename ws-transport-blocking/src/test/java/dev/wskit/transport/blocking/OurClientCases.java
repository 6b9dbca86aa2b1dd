package dev.wskit.transport.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Our client against an echo server: every payload length encoding, fragments, ping, and both
 * closing handshakes. The server answers the text {@code close-me} by closing with 4001
 * {@code "server says bye"}. Subclasses name the server.
 */
@Timeout(60)
abstract class OurClientCases {
    BlockingWebSocketClient client;
    RecordingHandler handler;
    WebSocket socket;

    abstract URI echoUri();

    abstract BlockingWebSocketClient newClient();

    /** What the server's close frame carries when it answers our {@code close(4000, "bye")}. */
    abstract String answerToClientClose();

    @BeforeEach
    void connect() throws Exception {
        client = newClient();
        handler = RecordingHandler.recording();
        socket = client.connect(echoUri(), handler);
        assertThat(handler.nextEvent()).isEqualTo("open");
        assertThat(socket.state()).isEqualTo(ConnectionState.OPEN);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @ParameterizedTest
    @FieldSource("dev.wskit.transport.blocking.Payloads#SIZES")
    void getsTextOfEverySizeEchoed(int size) throws Exception {
        String text = Payloads.text(size);
        socket.sendText(text);
        assertThat(handler.nextMessage()).isEqualTo(text);
    }

    @ParameterizedTest
    @FieldSource("dev.wskit.transport.blocking.Payloads#SIZES")
    void getsBinaryOfEverySizeEchoed(int size) throws Exception {
        byte[] data = Payloads.binary(size);
        socket.sendBinary(ByteBuffer.wrap(data));
        assertThat((byte[]) handler.nextMessage()).isEqualTo(data);
    }

    @Test
    void getsAFragmentedMessageEchoedWhole() throws Exception {
        socket.sendText("Hel", false);
        socket.sendText("lo wörld", true);
        socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false);
        socket.sendBinary(ByteBuffer.wrap(new byte[] {3}), true);
        assertThat(handler.nextMessage()).isEqualTo("Hello wörld");
        assertThat((byte[]) handler.nextMessage()).containsExactly(1, 2, 3);
    }

    @Test
    void getsAPongForAPing() throws Exception {
        socket.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)));
        assertThat(handler.nextEvent()).isEqualTo("pong:are you there");
    }

    @Test
    void completesACloseItStarts() throws Exception {
        socket.close(4000, "bye");
        assertThat(handler.nextEvent()).isEqualTo("close:" + answerToClientClose());
        assertThat(socket.state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void completesACloseTheServerStarts() throws Exception {
        socket.sendText("close-me");
        assertThat(handler.nextEvent()).isEqualTo("close:4001:server says bye");
        assertThat(socket.state()).isEqualTo(ConnectionState.CLOSED);
    }
}
