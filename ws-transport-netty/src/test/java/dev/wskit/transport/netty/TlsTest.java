package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.WebSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/** Test 3: our client against our server over TLS, with a certificate made for this run. */
class TlsTest {

    @Test
    void ourClientTalksToOurServerOverTls() throws Exception {
        SelfSignedCertificate certificate = new SelfSignedCertificate();
        NettyWebSocketServer server = NettyWebSocketServer.builder().tls(certificate.serverContext())
                .handler(() -> new EchoHandler(EchoHandler.newEventQueue())).build().start();
        try (NettyWebSocketClient client = NettyWebSocketClient.builder().tls(certificate.clientContext()).build()) {
            Recorder events = new Recorder();
            WebSocket socket = client.connect(URI.create("wss://127.0.0.1:" + server.port() + "/secure"), events)
                    .orTimeout(10, TimeUnit.SECONDS).join();
            socket.sendText("over tls");
            assertThat(events.next()).isEqualTo("over tls");
            socket.sendBinary(ByteBuffer.wrap(Payloads.binary(70_000)));
            assertThat((byte[]) events.next()).isEqualTo(Payloads.binary(70_000));
            socket.close(1000, "done");
            // Our server's reply echoes the code only (RFC 6455 §5.5.1).
            assertThat(events.next()).isEqualTo("close:1000:");
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void theDefaultClientContextRefusesAnUntrustedCertificate() throws Exception {
        SelfSignedCertificate certificate = new SelfSignedCertificate();
        NettyWebSocketServer server = NettyWebSocketServer.builder().tls(certificate.serverContext())
                .handler(() -> new EchoHandler(EchoHandler.newEventQueue())).build().start();
        try (NettyWebSocketClient client = NettyWebSocketClient.builder().build()) {
            assertThatThrownBy(() -> client.connect(URI.create("wss://127.0.0.1:" + server.port() + "/"), new Recorder())
                    .orTimeout(10, TimeUnit.SECONDS).join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(SSLException.class);
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }
}
