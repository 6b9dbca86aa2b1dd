package dev.wskit.transport.netty.http2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.testkit.kit.Http2Peer;
import dev.wskit.testkit.kit.Http2PeerStream;
import dev.wskit.testkit.kit.TestCertificate;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One port for both protocols: HTTP/1.1 WebSockets as ever (the JDK's client), HTTP/2 ones beside
 * them, in cleartext and over TLS, where ALPN picks; and the per-connection stream limit.
 */
class SharedPortTest {

    private final EchoRecorder handler = new EchoRecorder();
    private NettyHttp2WebSocketServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private NettyHttp2WebSocketServer.Builder builder() {
        return NettyHttp2WebSocketServer.builder().host("127.0.0.1").port(0).handler(() -> handler);
    }

    @Test
    void theJdkClientStillGetsAnHttp11WebSocketOnThePortOfHttp2Ones() throws Exception {
        server = builder().build().start();

        String echo = jdkEcho(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + server.port() + "/echo"));
        try (Http2Peer h2 = Http2Peer.connect(server.port(), null)) {
            Http2PeerStream stream = h2.open();
            assertThat(stream.connect("/echo")).isEqualTo("200");
            stream.sendFrame(true, 0x1, "over h2c".getBytes(StandardCharsets.UTF_8));
            assertThat(stream.nextFrame().text()).isEqualTo("over h2c");
        }

        assertThat(echo).isEqualTo("over HTTP/1.1");
    }

    @Test
    void overTlsAlpnPicksHttp2OrHttp11() throws Exception {
        TestCertificate certificate = TestCertificate.loopback();
        SslContext serverTls = SslContextBuilder.forServer(certificate.key(), certificate.certificate())
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(NettyHttp2WebSocketServer.Builder.alpnH2AndHttp11()).build();
        SslContext clientTls = SslContextBuilder.forClient().trustManager(certificate.trustManagers())
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(NettyHttp2WebSocketServer.Builder.alpnH2AndHttp11()).build();
        server = builder().tls(serverTls).build().start();

        try (Http2Peer h2 = Http2Peer.connect(server.port(), clientTls)) {
            Http2PeerStream stream = h2.open();
            assertThat(stream.connect("/echo")).isEqualTo("200");
            stream.sendFrame(true, 0x1, "over h2".getBytes(StandardCharsets.UTF_8));
            assertThat(stream.nextFrame().text()).isEqualTo("over h2");
        }
        HttpClient jdk = HttpClient.newBuilder().sslContext(certificate.clientContext()).build();
        assertThat(jdkEcho(jdk, URI.create("wss://127.0.0.1:" + server.port() + "/echo"))).isEqualTo("over HTTP/1.1");
    }

    @Test
    void aConnectionHoldsAtMostItsLimitOfWebSocketStreams() throws Exception {
        server = builder().maxWebSocketStreamsPerConnection(2).build().start();

        try (Http2Peer h2 = Http2Peer.connect(server.port(), null)) {
            Http2PeerStream first = h2.open();
            assertThat(first.connect("/echo")).isEqualTo("200");
            Http2PeerStream second = h2.open();
            assertThat(second.connect("/echo")).isEqualTo("200");
            Http2PeerStream third = h2.open();
            third.send(Http2PeerStream.webSocketRequest("/echo"), false);

            // RFC 9113 §8.7: refused, not processed, so the client may retry it.
            assertThat(third.awaitReset()).isEqualTo(Http2Error.REFUSED_STREAM);
            first.sendFrame(true, 0x8, new byte[] {0x03, (byte) 0xe8});
            first.awaitEnd();
            first.sendBytes(new byte[0], true);
            assertThat(handler.next()).isEqualTo("open");
            assertThat(handler.next()).isEqualTo("open");
            assertThat(handler.next()).isEqualTo("close:1000");
            // The first stream's place is free once its stream channel closes, a moment after its
            // handler heard the close: a stream refused meanwhile may be retried (RFC 9113 §8.7),
            // and this client retries, a bounded number of times.
            String fourth = "reset:" + Http2Error.REFUSED_STREAM;
            for (int attempt = 0; attempt < 50 && fourth.equals("reset:" + Http2Error.REFUSED_STREAM); attempt++) {
                Http2PeerStream stream = h2.open();
                stream.send(Http2PeerStream.webSocketRequest("/echo"), false);
                fourth = stream.statusOrReset();
                if (!fourth.equals("200")) {
                    Thread.sleep(20);
                }
            }
            assertThat(fourth).isEqualTo("200");
        }
    }

    /** Sends one text over an HTTP/1.1 WebSocket of the JDK's client and returns the echo. */
    private static String jdkEcho(HttpClient client, URI uri) throws Exception {
        CompletableFuture<String> echoed = new CompletableFuture<>();
        WebSocket socket = client.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                echoed.complete(data.toString());
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        socket.sendText("over HTTP/1.1", true);
        String echo = echoed.get(10, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
        return echo;
    }
}
