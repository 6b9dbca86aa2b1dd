package dev.wskit.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.proxy.HttpProxy;
import dev.wskit.protocol.proxy.ProxyConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport's client through an HTTP proxy ({@code CONNECT}, RFC 9110 §9.3.6): Debian's
 * tinyproxy for the tunnels and the refusals a real proxy gives (skipped when it is not
 * installed), a {@link ScriptedProxy} for answers no proxy should give. Every refusal is one
 * {@link ProxyConnectException}, on every transport.
 */
public interface ProxyCases extends TransportCases {

    @Test
    default void aWsConnectionGoesThroughTheProxy(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        Tinyproxy tinyproxy = kit.tinyproxy(server.port());
        Recorder client = kit.connect(kit.client(WebSocketConfig.defaults(), null, tinyproxy.proxy()), server.uri());
        Recorder serverSide = server.nextOpenConnection();
        client.socket().sendText(Payloads.text(65_537));
        serverSide.expectText(Payloads.text(65_537));
        client.expectText(Payloads.text(65_537));
        tinyproxy.awaitConnectLogged("127.0.0.1:" + server.port());
    }

    /**
     * TLS runs inside the tunnel, to the server: its certificate names {@code localhost} only, so
     * a client that ran TLS for the address it connected to, the proxy's {@code 127.0.0.1}, would
     * refuse it.
     */
    @Test
    default void aWssConnectionRunsTlsToTheServerInsideTheTunnel(Kit kit) throws Exception {
        TestCertificate localhostOnly = TestCertificate.forHost("localhost");
        RecordingServer server = kit.server(WebSocketConfig.defaults(), localhostOnly, recorder -> recorder);
        Tinyproxy tinyproxy = kit.tinyproxy(server.port());
        URI uri = URI.create("wss://localhost:" + server.port() + "/");
        Recorder client = kit.connect(kit.client(WebSocketConfig.defaults(), localhostOnly, tinyproxy.proxy()), uri);
        Recorder serverSide = server.nextOpenConnection();
        client.socket().sendBinary(ByteBuffer.wrap(Payloads.binary(65_537)));
        serverSide.expectBinary(Payloads.binary(65_537));
        client.expectBinary(Payloads.binary(65_537));
        tinyproxy.awaitConnectLogged("localhost:" + server.port());
    }

    @Test
    default void basicCredentialsTheProxyKnowsAreAccepted(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        Tinyproxy tinyproxy = kit.tinyproxy(server.port(), "alice", "s3cret");
        HttpProxy withCredentials = tinyproxy.proxy().withCredentials("alice", "s3cret");
        Recorder client = kit.connect(kit.client(WebSocketConfig.defaults(), null, withCredentials), server.uri());
        Recorder serverSide = server.nextOpenConnection();
        client.socket().sendText("through");
        serverSide.expectText("through");
        client.expectText("through");
        tinyproxy.awaitConnectLogged("127.0.0.1:" + server.port());
    }

    @Test
    default void noCredentialsFailTheConnectWith407(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        Tinyproxy tinyproxy = kit.tinyproxy(server.port(), "alice", "s3cret");
        ProxyConnectException refused = refusal(kit, tinyproxy.proxy(), server.uri());
        assertThat(refused.status()).isEqualTo(407);
        assertThat(refused).hasMessageStartingWith("proxy 127.0.0.1:" + tinyproxy.port() + " (status 407): ");
    }

    /**
     * RFC 9110 §15.5.8 has a proxy answer 407 here too; tinyproxy 1.11 answers wrong credentials
     * with 401. Either is the proxy's refusal, carried as its status.
     */
    @Test
    default void wrongCredentialsFailTheConnectWithTheProxysRefusal(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        Tinyproxy tinyproxy = kit.tinyproxy(server.port(), "alice", "s3cret");
        HttpProxy wrong = tinyproxy.proxy().withCredentials("alice", "guess");
        assertThat(refusal(kit, wrong, server.uri()).status()).isIn(401, 407);
    }

    /** Tinyproxy answers 403 for a port its {@code ConnectPort} lines do not name. */
    @Test
    default void aPortTheProxyDoesNotAllowFailsTheConnectWith403(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        Tinyproxy tinyproxy = kit.tinyproxy(server.port() == 65_535 ? 1 : server.port() + 1);
        assertThat(refusal(kit, tinyproxy.proxy(), server.uri()).status()).isEqualTo(403);
    }

    /** What the client asks is exactly what RFC 9110 §9.3.6 and RFC 7617 say, whatever the transport. */
    @Test
    default void theConnectRequestNamesTheServerAndCarriesTheCredentials(Kit kit) throws Exception {
        ScriptedProxy proxy = kit.scriptedProxy("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
        HttpProxy withCredentials = HttpProxy.of("127.0.0.1", proxy.port()).withCredentials("Aladdin", "open sesame");
        ProxyConnectException refused = refusal(kit, withCredentials, URI.create("wss://server.example:8443/chat"));
        assertThat(refused.status()).isEqualTo(502);
        assertThat(proxy.request()).isEqualTo("CONNECT server.example:8443 HTTP/1.1\r\n"
                + "Host: server.example:8443\r\n"
                + "Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n"
                + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSH-2.0-OpenSSH_9.2\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\nHTTP/1.1 101 Switching Protocols\r\n\r\n",
            "HTTP/1.1 200 OK\r\nVia: 1.1 half an answer\r\n", ""})
    default void aProxyThatAnswersGarbageOrClosesFailsTheConnectWithoutStatus(String answer, Kit kit) throws Exception {
        ScriptedProxy proxy = kit.scriptedProxy(answer);
        ProxyConnectException failed = refusal(kit, HttpProxy.of("127.0.0.1", proxy.port()), URI.create("ws://127.0.0.1:9/"));
        assertThat(failed.status()).isEqualTo(ProxyConnectException.NO_STATUS);
        assertThat(failed.proxy()).isEqualTo("127.0.0.1:" + proxy.port());
        assertThat(proxy.request()).startsWith("CONNECT 127.0.0.1:9 HTTP/1.1\r\n");
    }

    /** The one failure every transport's connect ends with, unwrapped; the handler never hears of it. */
    private static ProxyConnectException refusal(Kit kit, HttpProxy proxy, URI uri) throws Exception {
        Recorder handler = kit.recorder("client");
        Throwable failure = Kit.failureOf(kit.client(WebSocketConfig.defaults(), null, proxy).connect(uri, handler));
        assertThat(failure).isInstanceOf(ProxyConnectException.class);
        return (ProxyConnectException) failure;
    }
}
