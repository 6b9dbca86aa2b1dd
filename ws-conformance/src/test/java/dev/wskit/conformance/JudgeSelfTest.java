package dev.wskit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The suite's judge, checked against servers that are wrong on purpose: a case passing proves
 * something only if the same case fails for a server that breaks the rule. Each fake server
 * answers the opening request correctly, then writes fixed bytes and ends the connection.
 */
@Timeout(30)
class JudgeSelfTest {

    @Test
    void aSecondCloseAfterAViolationFailsTheCase() throws Exception {
        byte[] close = Frame.close(1002, "control frame too long").unmasked();
        assertThat(play("2.5", Frame.concat(close, close))).contains("another frame (close");
    }

    @Test
    void droppingTcpWhereACloseIsRequiredFailsTheCase() throws Exception {
        assertThat(play("2.5", new byte[0])).contains("TCP closed (EOF)");
    }

    @Test
    void aWrongCloseCodeFailsTheCase() throws Exception {
        assertThat(play("7.9.1", Frame.close(1000).unmasked())).contains("close 1000");
    }

    @Test
    void aCloseReasonThatIsNotUtf8FailsTheCase() throws Exception {
        byte[] reason = {(byte) 0xed, (byte) 0xa0, (byte) 0x80};
        assertThat(play("2.5", Frame.close(1002, reason).unmasked())).contains("not UTF-8");
    }

    @Test
    void aNonMinimalLengthFailsAnEchoCase() throws Exception {
        byte[] payload = Payloads.text(125);
        byte[] longForm = Frame.concat(new byte[] {(byte) 0x81, 126, 0, 125}, payload);
        assertThat(play("1.1.2", longForm)).contains("length not minimally encoded");
    }

    @Test
    void aMaskedServerFrameFailsAnEchoCase() throws Exception {
        assertThat(play("2.1", Frame.pong(new byte[0]).masked())).startsWith("masked pong");
    }

    @Test
    void anExtraFrameBeforeTheFinalCloseFailsTheCase() throws Exception {
        byte[] echoThenExtra = Frame.concat(Frame.text(Payloads.text(125)).unmasked(), Frame.pong(new byte[0]).unmasked(),
                Frame.close(1000).unmasked());
        assertThat(play("1.1.2", echoThenExtra)).contains("pong");
    }

    /** Plays the server case {@code id} against a fake server that sends {@code answer}; returns "got". */
    private static String play(String id, byte[] answer) throws Exception {
        ServerCase c = Stream.of(FramingCases.all(), TextAndCloseCases.all()).flatMap(List::stream)
                .filter(x -> x.id.equals(id)).findFirst().orElseThrow();
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread fake = new Thread(() -> serveOnce(listener, answer), "fake-server");
            fake.setDaemon(true);
            fake.start();
            Outcome outcome = ServerCaseRunner.play(c, Transport.BLOCKING, listener.getLocalPort());
            assertThat(outcome.passed).as("case %s against a wrong server", id).isFalse();
            return outcome.got;
        }
    }

    private static void serveOnce(ServerSocket listener, byte[] answer) {
        try (Socket socket = listener.accept()) {
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            OutputStream out = socket.getOutputStream();
            out.write(ClientCase.switching(ServerCaseRunner.ACCEPT).getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[64 * 1024];
            out.write(answer);
            out.flush();
            socket.shutdownOutput();
            socket.setSoTimeout(2000);
            while (in.read(buffer) >= 0) {
                // Drain until the client closes, so closing sends FIN, not RST.
            }
        } catch (IOException ignored) {
            // The client went away: the case has its verdict already.
        }
    }
}
