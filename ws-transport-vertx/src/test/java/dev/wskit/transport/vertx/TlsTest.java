package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wskit.protocol.WebSocket;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Test 3: our client against our server over TLS ({@code wss}), with a certificate made at test time. */
@ExtendWith(VertxExtension.class)
class TlsTest {
    private static final long T = RecordingHandler.TIMEOUT_SECONDS;
    private static SelfSignedCertificate certificate;

    private VertxWebSocketServer server;
    private EchoHandler serverHandler;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificate = SelfSignedCertificate.forLoopback();
    }

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        serverHandler = new EchoHandler();
        server = VertxWebSocketServer.builder(vertx)
                .tls(certificate.keyCertOptions())
                .handler(() -> serverHandler)
                .build().listen().await(T, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown().await(T, TimeUnit.SECONDS);
    }

    private URI uri() {
        return URI.create("wss://127.0.0.1:" + server.port() + "/secure");
    }

    @Test
    void clientTrustingTheCertificateEchoesTextAndBinaryOverWss(Vertx vertx) throws Exception {
        VertxWebSocketClient client = VertxWebSocketClient.builder(vertx)
                .options(new NetClientOptions().setTrustOptions(certificate.trustOptions())
                        .setHostnameVerificationAlgorithm("HTTPS"))
                .build();
        RecordingHandler events = new RecordingHandler();
        WebSocket ws = client.connect(uri(), events).await(T, TimeUnit.SECONDS);
        String text = Payloads.text(64 * 1024);
        byte[] bytes = Payloads.bytes(Payloads.MIB, 7);
        ws.sendText(text);
        ws.sendBinary(ByteBuffer.wrap(bytes));
        assertThat(events.next()).isEqualTo(text);
        assertThat((byte[]) events.next()).isEqualTo(bytes);
        ws.close(1000, "done");
        assertThat(events.next()).isEqualTo("close 1000 ");
        assertThat(serverHandler.closes.poll(T, TimeUnit.SECONDS)).isEqualTo("1000 done");
        client.shutdown().await(T, TimeUnit.SECONDS);
    }

    @Test
    void clientRefusesAnUntrustedCertificate(Vertx vertx) throws Exception {
        // No trust options: the JDK's default trust store does not know our certificate.
        VertxWebSocketClient client = VertxWebSocketClient.builder(vertx).build();
        Throwable failure = catchThrowable(() -> client.connect(uri(), new RecordingHandler()).await(T, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(SSLHandshakeException.class);
        assertThat(serverHandler.opened).isEmpty();
        client.shutdown().await(T, TimeUnit.SECONDS);
    }
}
