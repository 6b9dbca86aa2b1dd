package dev.wskit.protocol.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.handshake.WebSocketUri;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyTunnelTest {
    private static final HttpProxy PROXY = HttpProxy.of("proxy.example", 3128);
    private static final WebSocketUri TARGET = WebSocketUri.of(URI.create("wss://server.example/chat?room=1"));

    @Test
    void requestsATunnelToTheTargetsHostAndPort() {
        assertThat(text(ProxyTunnel.to(PROXY, TARGET).request())).isEqualTo("CONNECT server.example:443 HTTP/1.1\r\n"
                + "Host: server.example:443\r\n"
                + "\r\n");
    }

    /** RFC 7617 §2's own example: Aladdin and open sesame. */
    @Test
    void sendsBasicCredentials() {
        HttpProxy withCredentials = PROXY.withCredentials("Aladdin", "open sesame");
        assertThat(text(ProxyTunnel.to(withCredentials, WebSocketUri.of(URI.create("ws://127.0.0.1:8080/"))).request()))
                .isEqualTo("CONNECT 127.0.0.1:8080 HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:8080\r\n"
                        + "Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n"
                        + "\r\n");
    }

    @Test
    void bracketsAnIpv6Target() {
        assertThat(text(ProxyTunnel.to(PROXY, WebSocketUri.of(URI.create("ws://[::1]:9000/"))).request()))
                .startsWith("CONNECT [::1]:9000 HTTP/1.1\r\nHost: [::1]:9000\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 200 Connection established\r\n\r\n", "HTTP/1.0 200 \r\n\r\n",
            "HTTP/1.1 204 No Content\r\nVia: 1.1 proxy\r\n\r\n"})
    void aTwoHundredHeadWithOrWithoutReasonOpensTheTunnel(String answer) throws Exception {
        assertThat(ProxyTunnel.to(PROXY, TARGET).receive(bytes(answer))).isTrue();
    }

    @Test
    void theAnswerMayArriveByteByByte() throws Exception {
        ProxyTunnel tunnel = ProxyTunnel.to(PROXY, TARGET);
        byte[] answer = "HTTP/1.1 200 OK\r\nServer: test\r\n\r\n".getBytes(ISO_8859_1);
        for (int i = 0; i < answer.length - 1; i++) {
            assertThat(tunnel.receive(ByteBuffer.wrap(answer, i, 1))).as("after byte %d", i).isFalse();
        }
        assertThat(tunnel.receive(ByteBuffer.wrap(answer, answer.length - 1, 1))).isTrue();
        assertThatThrownBy(() -> tunnel.receive(bytes("x"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a407IsARefusalCarryingItsStatus() {
        ProxyConnectException refused = refusal("HTTP/1.1 407 Proxy Authentication Required\r\n"
                + "Proxy-Authenticate: Basic realm=\"proxy\"\r\nContent-Length: 5\r\n\r\nnope!");
        assertThat(refused.status()).isEqualTo(407);
        assertThat(refused.proxy()).isEqualTo("proxy.example:3128");
        assertThat(refused).hasMessage("proxy proxy.example:3128 (status 407): refused CONNECT server.example:443: "
                + "407 Proxy Authentication Required");
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 101, 302, 403, 502})
    void everyStatusButTwoHundredsIsARefusal(int status) {
        assertThat(refusal("HTTP/1.1 " + status + " X\r\n\r\n").status()).isEqualTo(status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SSH-2.0-OpenSSH_9.2\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 200\r\n\r\n",
            "HTTP/1.1 200 OK\n\n", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n"})
    void aMalformedHeadHasNoStatus(String answer) {
        ProxyConnectException malformed = refusal(answer);
        assertThat(malformed.status()).isEqualTo(ProxyConnectException.NO_STATUS);
        assertThat(malformed).hasMessageStartingWith("proxy proxy.example:3128 (status -1): no valid answer to CONNECT");
    }

    @Test
    void aHeadLongerThanEightKibibytesHasNoStatus() {
        String longField = "X-Padding: " + "a".repeat(ProxyTunnel.MAX_HEAD_BYTES) + "\r\n";
        ProxyConnectException tooLong = refusal("HTTP/1.1 200 OK\r\n" + longField + "\r\n");
        assertThat(tooLong.status()).isEqualTo(ProxyConnectException.NO_STATUS);
        assertThat(tooLong).hasMessageContaining("RESPONSE_HEADER_TOO_LARGE");
    }

    /** Just within the limit is still an answer: the limit above is the head's, not a smaller one. */
    @Test
    void aHeadOfExactlyEightKibibytesOpens() throws Exception {
        String start = "HTTP/1.1 200 OK\r\nX-Padding: ";
        String end = "\r\n\r\n";
        String padding = "a".repeat(ProxyTunnel.MAX_HEAD_BYTES - start.length() - end.length());
        assertThat(ProxyTunnel.to(PROXY, TARGET).receive(bytes(start + padding + end))).isTrue();
    }

    @Test
    void bytesAfterATwoHundredHeadHaveNoStatus() {
        ProxyConnectException early = refusal("HTTP/1.1 200 OK\r\n\r\nHTTP/1.1 101 Switching Protocols\r\n");
        assertThat(early.status()).isEqualTo(ProxyConnectException.NO_STATUS);
        assertThat(early).hasMessageContaining("sent 34 bytes after its 200 answer");
    }

    @Test
    void aCloseOrSilenceNamesTheProxyWithoutStatus() {
        ProxyTunnel tunnel = ProxyTunnel.to(PROXY, TARGET);
        assertThat(tunnel.closedEarly().status()).isEqualTo(ProxyConnectException.NO_STATUS);
        assertThat(tunnel.closedEarly()).hasMessage("proxy proxy.example:3128 (status -1): "
                + "closed the connection before answering CONNECT server.example:443");
        assertThat(tunnel.timedOut(Duration.ofSeconds(2))).hasMessage("proxy proxy.example:3128 (status -1): "
                + "no answer to CONNECT server.example:443 within 2000 ms");
    }

    private static ProxyConnectException refusal(String answer) {
        ProxyTunnel tunnel = ProxyTunnel.to(PROXY, TARGET);
        try {
            boolean open = tunnel.receive(bytes(answer));
            throw new AssertionError("accepted (open: " + open + "): " + answer);
        } catch (ProxyConnectException expected) {
            return expected;
        }
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(ISO_8859_1));
    }

    private static String text(ByteBuffer buffer) {
        return ISO_8859_1.decode(buffer).toString();
    }
}
