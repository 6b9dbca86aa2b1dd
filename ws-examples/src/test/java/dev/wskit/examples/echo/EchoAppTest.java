package dev.wskit.examples.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.examples.ConformanceLimits;
import dev.wskit.examples.RecordingClient;
import dev.wskit.examples.RunningApp;
import dev.wskit.examples.TlsOptions;
import dev.wskit.examples.transport.ClientConnection;
import dev.wskit.examples.transport.ClientOptions;
import dev.wskit.examples.transport.ExampleTransport;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.testkit.kit.Http2Peer;
import dev.wskit.testkit.kit.Http2PeerStream;
import dev.wskit.testkit.kit.RawPeer;
import dev.wskit.testkit.kit.TestCertificate;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The echo app over loopback, on every transport, started as {@code echo --port 0}. */
class EchoAppTest {
    private static final int ONE_MIB = 1024 * 1024;

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void echoesTextAndBinaryUnchanged(ExampleTransport transport) throws Exception {
        try (RunningApp echo = RunningApp.start("echo", "--transport", transport.optionName(), "--port", "0");
             RecordingClient client = RecordingClient.connect(transport, echo.awaitUri("ws"))) {
            client.socket().sendText("héllo, wörld ✓");
            client.socket().sendBinary(ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff}));
            client.socket().sendText("");

            assertThat(client.next()).isEqualTo("text:héllo, wörld ✓");
            assertThat(client.next()).isEqualTo("binary:0001feff");
            assertThat(client.next()).isEqualTo("text:");
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void echoesOneMebibyteMessagesCompressedAndNot(ExampleTransport transport) throws Exception {
        byte[] noise = new byte[ONE_MIB];
        new Random(7).nextBytes(noise);
        String text = "0123456789abcdef".repeat(ONE_MIB / 16);
        WebSocketConfig deflate = WebSocketConfig.builder()
                .perMessageDeflate(PerMessageDeflateConfig.defaults()).build();
        try (RunningApp echo = RunningApp.start("echo", "--transport", transport.optionName(), "--port", "0")) {
            URI uri = echo.awaitUri("ws");
            for (WebSocketConfig config : new WebSocketConfig[] {WebSocketConfig.defaults(), deflate}) {
                try (RecordingClient client = RecordingClient.connect(transport, uri, config)) {
                    client.socket().sendBinary(ByteBuffer.wrap(noise));
                    client.socket().sendText(text);

                    assertThat(client.next()).isEqualTo("binary:" + HexFormat.of().formatHex(noise));
                    assertThat(client.next()).isEqualTo("text:" + text);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void echoesA16MebibyteMessage(ExampleTransport transport) throws Exception {
        byte[] largest = new byte[16 * ONE_MIB];
        new Random(16).nextBytes(largest);
        CompletableFuture<byte[]> echoed = new CompletableFuture<>();
        WebSocketHandler receiver = new WebSocketHandler() {
            @Override
            public void onBinary(WebSocket socket, ByteBuffer data) {
                byte[] copy = new byte[data.remaining()];
                data.get(copy);
                echoed.complete(copy);
            }
        };
        WebSocketConfig config = ConformanceLimits.apply(WebSocketConfig.builder()).build();
        try (RunningApp echo = RunningApp.start("echo", "--transport", transport.optionName(), "--port", "0");
             ClientConnection client = transport.connect(echo.awaitUri("ws"), config, ClientOptions.NONE, receiver)) {
            client.socket().sendBinary(ByteBuffer.wrap(largest));

            assertThat(echoed.get(20, TimeUnit.SECONDS)).isEqualTo(largest);
            client.socket().close();
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void answersOnAnyPath(ExampleTransport transport) throws Exception {
        try (RunningApp echo = RunningApp.start("echo", "--transport", transport.optionName(), "--port", "0");
             RecordingClient client = RecordingClient.connect(transport, echo.awaitUri("ws").resolve("/any/path?q=1"))) {
            client.socket().sendText("here too");

            assertThat(client.next()).isEqualTo("text:here too");
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void acceptsPermessageDeflate(ExampleTransport transport) throws Exception {
        try (RunningApp echo = RunningApp.start("echo", "--transport", transport.optionName(), "--port", "0")) {
            URI uri = echo.awaitUri("ws");
            try (RawPeer raw = RawPeer.to(uri.getPort())) {
                raw.write(RawPeer.UPGRADE.replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n"));
                String head = raw.readHead();

                assertThat(head).startsWith("HTTP/1.1 101 ").contains("Sec-WebSocket-Extensions: permessage-deflate");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void stopClosesOpenConnectionsWith1001(ExampleTransport transport) throws Exception {
        RunningApp echo = RunningApp.start("echo", "--transport", transport.optionName(), "--port", "0");
        try (RecordingClient client = RecordingClient.connect(transport, echo.awaitUri("ws"))) {
            assertThat(echo.stop()).isZero();

            assertThat(client.next()).isEqualTo("close:1001 server stopping");
            assertThat(echo.out().next()).isEqualTo("stopped");
        }
    }

    @Test
    void withHttp2EchoesOnHttp2StreamsAndStillOnHttp11() throws Exception {
        try (RunningApp echo = RunningApp.start("echo", "--transport", "netty", "--http2", "--port", "0")) {
            URI uri = echo.awaitUri("ws");
            try (RecordingClient http11 = RecordingClient.connect(ExampleTransport.NETTY, uri);
                 Http2Peer h2c = Http2Peer.connect(uri.getPort(), null)) {
                Http2PeerStream stream = h2c.open();
                assertThat(stream.connect("/")).isEqualTo("200");

                stream.sendFrame(true, 0x1, "over h2c".getBytes(StandardCharsets.UTF_8));
                http11.socket().sendText("over HTTP/1.1");

                assertThat(stream.nextFrame().text()).isEqualTo("over h2c");
                assertThat(http11.next()).isEqualTo("text:over HTTP/1.1");
            }
        }
    }

    @Test
    void http2IsForNettyOnly() throws Exception {
        RunningApp echo = RunningApp.start("echo", "--transport", "vertx", "--http2", "--port", "0");

        assertThat(echo.awaitExit()).isEqualTo(2);
        assertThat(echo.err().next()).isEqualTo("echo: --http2 needs --transport netty, not vertx (try echo --help)");
    }

    @Test
    void withTlsEchoesOverWss(@TempDir Path dir) throws Exception {
        List<String> args = new ArrayList<>(List.of("echo", "--transport", "netty", "--port", "0"));
        args.addAll(TlsOptions.loopback(dir));
        try (RunningApp echo = RunningApp.start(args.toArray(String[]::new))) {
            URI uri = echo.awaitUri("wss");
            HttpClient http = HttpClient.newBuilder().sslContext(TestCertificate.loopback().clientContext()).build();
            CompletableFuture<String> echoed = new CompletableFuture<>();
            java.net.http.WebSocket socket = http.newWebSocketBuilder().buildAsync(uri, new java.net.http.WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
                    echoed.complete(data.toString());
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            socket.sendText("over TLS", true);

            assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("over TLS");
            socket.abort();
        }
    }

    @Test
    void withTlsAndHttp2EchoesOnH2StreamsChosenByAlpn(@TempDir Path dir) throws Exception {
        List<String> args = new ArrayList<>(List.of("echo", "--transport", "netty", "--http2", "--port", "0"));
        args.addAll(TlsOptions.loopback(dir));
        try (RunningApp echo = RunningApp.start(args.toArray(String[]::new))) {
            URI uri = echo.awaitUri("wss");
            assertThat(echo.out().next()).isEqualTo("and over HTTP/2 (h2, chosen by ALPN) on the same port");
            SslContext h2 = SslContextBuilder.forClient().trustManager(TestCertificate.loopback().trustManagers())
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2))
                    .build();
            try (Http2Peer peer = Http2Peer.connect(uri.getPort(), h2)) {
                Http2PeerStream stream = peer.open();
                assertThat(stream.connect("/")).isEqualTo("200");

                stream.sendFrame(true, 0x1, "over h2".getBytes(StandardCharsets.UTF_8));

                assertThat(stream.nextFrame().text()).isEqualTo("over h2");
            }
        }
    }

    @Test
    void tlsTakesBothFilesOnNettyOnly() throws Exception {
        RunningApp alone = RunningApp.start("echo", "--port", "0", "--tls-cert", "cert.pem");
        assertThat(alone.awaitExit()).isEqualTo(2);
        assertThat(alone.err().next()).isEqualTo("echo: --tls-cert and --tls-key go together (try echo --help)");

        RunningApp vertx = RunningApp.start("echo", "--transport", "vertx", "--port", "0",
                "--tls-cert", "cert.pem", "--tls-key", "key.pem");
        assertThat(vertx.awaitExit()).isEqualTo(2);
        assertThat(vertx.err().next()).isEqualTo("echo: --tls-cert needs --transport netty, not vertx (try echo --help)");
    }

    @Test
    void anUnreadableCertificateIsAOneLineFailure(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.pem"));
        RunningApp echo = RunningApp.start("echo", "--port", "0", "--tls-cert", empty.toString(), "--tls-key", empty.toString());

        assertThat(echo.awaitExit()).isEqualTo(1);
        assertThat(echo.err().next()).startsWith("echo: cannot read the TLS certificate " + empty + " and key " + empty + ": ");
    }
}
