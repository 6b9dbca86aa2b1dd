package dev.wskit.transport.blocking;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.WebSocket;
import java.net.URI;
import javax.net.ssl.SSLHandshakeException;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our client against our server over TLS ({@code wss}), with a certificate made for 127.0.0.1. */
class TlsTest extends OurClientCases {
    private static TestCertificates certificates;
    private static BlockingWebSocketServer server;

    @BeforeAll
    static void startServer() throws Exception {
        certificates = TestCertificates.forNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        server = BlockingWebSocketServer.builder()
                .tls(certificates.server)
                .handler(() -> new RecordingHandler(true) {
                    @Override
                    public void onText(WebSocket socket, String text) {
                        if (text.equals("close-me")) {
                            socket.close(4001, "server says bye");
                        } else {
                            super.onText(socket, text);
                        }
                    }
                })
                .build()
                .start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    URI echoUri() {
        return URI.create("wss://127.0.0.1:" + server.port() + "/echo");
    }

    @Override
    BlockingWebSocketClient newClient() {
        return BlockingWebSocketClient.builder().tls(certificates.client).build();
    }

    /** RFC 6455 §5.5.1: our server echoes the code, with no reason of its own. */
    @Override
    String answerToClientClose() {
        return "4000:";
    }

    @Test
    void refusesACertificateMadeForAnotherHost() throws Exception {
        TestCertificates elsewhere = TestCertificates.forNames(new GeneralName(GeneralName.dNSName, "example.invalid"));
        try (BlockingWebSocketServer other = BlockingWebSocketServer.builder()
                .tls(elsewhere.server).handler(RecordingHandler::echoing).build().start();
             BlockingWebSocketClient trusting = BlockingWebSocketClient.builder().tls(elsewhere.client).build()) {
            // Trusted, but issued for example.invalid: hostname verification (RFC 2818 §3.1) refuses it.
            assertThatThrownBy(() -> trusting.connect(URI.create("wss://127.0.0.1:" + other.port() + "/"), RecordingHandler.recording()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void refusesAServerItDoesNotTrust() throws Exception {
        try (BlockingWebSocketClient defaults = BlockingWebSocketClient.builder().build()) {
            assertThatThrownBy(() -> defaults.connect(echoUri(), RecordingHandler.recording()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }
}
