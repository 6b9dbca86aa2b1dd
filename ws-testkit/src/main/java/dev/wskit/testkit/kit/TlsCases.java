package dev.wskit.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/** {@code wss}: the transport's client and the JDK's against its server, with a certificate made for 127.0.0.1. */
public interface TlsCases extends TransportCases {

    @Test
    default void ourClientAndServerTalkOverTls(Kit kit) throws Exception {
        TestCertificate certificate = TestCertificate.loopback();
        RecordingServer server = kit.server(Payloads.LARGE_MESSAGES, certificate, recorder -> recorder);
        Recorder client = kit.connect(kit.client(Payloads.LARGE_MESSAGES, certificate), server.uri());
        Recorder serverSide = server.nextOpenConnection();
        client.socket().sendText(Payloads.text(65_537));
        client.socket().sendBinary(ByteBuffer.wrap(Payloads.binary(4 * Payloads.MIB)));
        serverSide.expectText(Payloads.text(65_537));
        serverSide.expectBinary(Payloads.binary(4 * Payloads.MIB));
        client.expectText(Payloads.text(65_537));
        client.expectBinary(Payloads.binary(4 * Payloads.MIB));
        client.socket().close(1000, "done");
        serverSide.expect("close:1000:done");
        client.expect("close:1000:");
    }

    @Test
    default void theJdkClientTalksToTheServerOverTls(Kit kit) throws Exception {
        TestCertificate certificate = TestCertificate.loopback();
        RecordingServer server = kit.server(Payloads.LARGE_MESSAGES, certificate, recorder -> recorder);
        JdkRecorder jdk = kit.jdk(server.uri(), certificate.clientContext());
        Recorder serverSide = server.nextOpenConnection();
        Kit.await(jdk.socket().sendText(Payloads.text(65_537), true));
        Kit.await(jdk.socket().sendBinary(ByteBuffer.wrap(Payloads.binary(4 * Payloads.MIB)), true));
        serverSide.expectText(Payloads.text(65_537));
        serverSide.expectBinary(Payloads.binary(4 * Payloads.MIB));
        jdk.expectText(Payloads.text(65_537));
        jdk.expectBinary(Payloads.binary(4 * Payloads.MIB));
    }

    @Test
    default void ourClientRefusesAServerItDoesNotTrust(Kit kit) throws Exception {
        RecordingServer server = kit.server(WebSocketConfig.defaults(), TestCertificate.loopback(), recorder -> recorder);
        // The JDK's default trust store does not know a certificate made at test time.
        Throwable failure = Kit.failureOf(kit.client(WebSocketConfig.defaults(), null)
                .connect(server.uri(), new WebSocketHandler() { }));
        assertThat(Kit.causes(failure)).hasAtLeastOneElementOfType(SSLException.class);
    }

    /** Trusted, but issued for another name: host name verification (RFC 2818 §3.1) refuses it. */
    @Test
    default void ourClientRefusesACertificateMadeForAnotherHost(Kit kit) throws Exception {
        TestCertificate elsewhere = TestCertificate.forHost("example.invalid");
        RecordingServer server = kit.server(WebSocketConfig.defaults(), elsewhere, recorder -> recorder);
        Throwable failure = Kit.failureOf(kit.client(WebSocketConfig.defaults(), elsewhere)
                .connect(server.uri(), new WebSocketHandler() { }));
        assertThat(Kit.causes(failure)).hasAtLeastOneElementOfType(SSLException.class);
    }
}
