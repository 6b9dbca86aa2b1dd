package dev.wskit.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import dev.wskit.protocol.upgrade.UpgradeRequest;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS at the upgrade: the decision reads the client's certificate from the TLS session,
 * accepts a trusted one naming the user, and answers a client without one {@code 403}; a client
 * whose certificate the server does not trust never gets past TLS.
 */
public interface MutualTlsCases extends TransportCases {

    @Test
    default void aTrustedClientCertificateNamesTheUser(Kit kit) throws Exception {
        TestCertificate alice = TestCertificate.forHost("alice.client");
        Recorder serverSide = kit.recorder("server connection");
        TransportUnderTest.Server server = server(kit, alice, serverSide);
        JdkRecorder jdk = kit.jdk(uri(server), presenting(alice));
        serverSide.expect("open");
        assertThat(serverSide.socket().attributes()).containsEntry("client", "alice.client");
        assertThat(serverSide.socket().tlsSession()).isPresent();
        Kit.await(jdk.socket().sendText("signed in", true));
        serverSide.expectText("signed in");
    }

    @Test
    default void aClientWithoutACertificateIsAnswered403ByTheDecision(Kit kit) throws Exception {
        TransportUnderTest.Server server = server(kit, TestCertificate.forHost("alice.client"), kit.recorder("unused"));
        Throwable failure = Kit.failureOf(java.net.http.HttpClient.newBuilder().sslContext(presenting(null)).build()
                .newWebSocketBuilder().buildAsync(uri(server), new java.net.http.WebSocket.Listener() { }));
        assertThat(failure).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) failure).getResponse().statusCode()).isEqualTo(403);
    }

    @Test
    default void anUntrustedClientCertificateNeverGetsPastTls(Kit kit) throws Exception {
        TransportUnderTest.Server server = server(kit, TestCertificate.forHost("alice.client"), kit.recorder("unused"));
        Throwable failure = Kit.failureOf(java.net.http.HttpClient.newBuilder()
                .sslContext(presenting(TestCertificate.forHost("mallory.client"))).build()
                .newWebSocketBuilder().buildAsync(uri(server), new java.net.http.WebSocket.Listener() { }));
        assertThat(Kit.causes(failure)).as("refused in the TLS handshake, before any HTTP")
                .anyMatch(cause -> cause instanceof SSLException || cause instanceof java.io.IOException);
        assertThat(failure).isNotInstanceOf(WebSocketHandshakeException.class);
    }

    private static TransportUnderTest.Server server(Kit kit, TestCertificate trustedClient, Recorder handler)
            throws Exception {
        return kit.closeAfter(kit.transport().startServerAskingForClientCertificates(request -> {
            Optional<String> client = clientName(request);
            return client.isPresent()
                    ? UpgradeDecision.accept(handler).withAttribute("client", client.get())
                    : UpgradeDecision.reject(403, "a client certificate is required\n");
        }, WebSocketConfig.defaults(), TestCertificate.loopback(), trustedClient));
    }

    /** The DNS name of the client's certificate, when it presented one (TLS verified it against the trust). */
    private static Optional<String> clientName(UpgradeRequest request) {
        try {
            X509Certificate certificate = (X509Certificate) request.tlsSession().orElseThrow().getPeerCertificates()[0];
            return certificate.getSubjectAlternativeNames().stream().map(name -> (String) name.get(1)).findFirst();
        } catch (SSLPeerUnverifiedException | CertificateParsingException none) {
            return Optional.empty();
        }
    }

    /** A client context trusting the server's loopback certificate and presenting {@code identity}, if any. */
    private static SSLContext presenting(TestCertificate identity) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(identity == null ? null : identity.keyManagers().getKeyManagers(),
                TestCertificate.loopback().trustManagers().getTrustManagers(), null);
        return context;
    }

    private static URI uri(TransportUnderTest.Server server) {
        return URI.create("wss://127.0.0.1:" + server.port() + "/");
    }
}
