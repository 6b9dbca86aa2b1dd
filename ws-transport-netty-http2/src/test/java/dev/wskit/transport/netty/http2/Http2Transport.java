package dev.wskit.transport.netty.http2;

import dev.wskit.protocol.ConnectionInfo;
import dev.wskit.protocol.ConnectionListener;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.testkit.kit.TestCertificate;
import dev.wskit.testkit.kit.TransportUnderTest;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ServerBuilder;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * The HTTP/2 transport for the kit: {@link NettyHttp2WebSocketServer} (h2c with prior knowledge,
 * or h2 by ALPN over TLS) and {@link NettyHttp2WebSocketClient}, so every WebSocket the kit's
 * client opens is an extended CONNECT stream (RFC 8441).
 *
 * <p>It proves that: every socket the client opens must have gone out as {@code CONNECT} over
 * HTTP/2 and come back {@code 200} (RFC 8441 §5; HTTP/1.1 would be {@code GET} and {@code 101}),
 * or its connect fails; {@link #http2Streams()} counts those that did. On the server's side, a
 * listener counts the WebSockets it opened on HTTP/2 streams and those on HTTP/1.1 connections
 * of the same port ({@link #serverOpened}), unless a case sets a listener of its own.
 */
final class Http2Transport implements TransportUnderTest {
    private final AtomicInteger http2Streams = new AtomicInteger();
    private final Map<String, AtomicInteger> serverOpened = new ConcurrentHashMap<>();
    /** Hears each server connection's open, by the transport that carries it. */
    private final ConnectionListener serverOpens = new ConnectionListener() {
        @Override
        public void opened(ConnectionInfo connection, String subprotocol, String extensions) {
            serverOpened.computeIfAbsent(connection.transport(), transport -> new AtomicInteger()).incrementAndGet();
        }
    };

    @Override
    public String name() {
        return "netty-http2";
    }

    /** How many WebSockets this transport's clients opened, each checked to be an HTTP/2 stream. */
    int http2Streams() {
        return http2Streams.get();
    }

    /**
     * How many WebSockets this transport's servers opened on {@code transport}: {@code "netty-http2"}
     * for HTTP/2 streams, {@code "netty"} for the HTTP/1.1 connections the same port serves.
     */
    int serverOpened(String transport) {
        AtomicInteger opened = serverOpened.get(transport);
        return opened == null ? 0 : opened.get();
    }

    @Override
    public ServerBuilder<?> serverBuilder(TestCertificate tls) throws SSLException {
        NettyHttp2WebSocketServer.Builder builder = NettyHttp2WebSocketServer.builder().listener(serverOpens);
        return tls == null ? builder
                : builder.tls(SslContextBuilder.forServer(tls.keyManagers())
                        .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                        .applicationProtocolConfig(NettyHttp2WebSocketServer.Builder.alpnH2AndHttp11()).build());
    }

    @Override
    public ServerBuilder<?> serverBuilderAskingForClientCertificates(TestCertificate certificate,
            TestCertificate trustedClient) throws SSLException {
        return NettyHttp2WebSocketServer.builder().listener(serverOpens)
                .tls(SslContextBuilder.forServer(certificate.keyManagers())
                .trustManager(trustedClient.trustManagers()).clientAuth(ClientAuth.OPTIONAL)
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(NettyHttp2WebSocketServer.Builder.alpnH2AndHttp11()).build());
    }

    @Override
    public Client newClient(Consumer<? super ClientBuilder<?>> setup, TestCertificate trusted) throws SSLException {
        NettyHttp2WebSocketClient.Builder builder = NettyHttp2WebSocketClient.builder();
        setup.accept(trusted == null ? builder : builder.tls(SslContextBuilder.forClient()
                .trustManager(trusted.trustManagers()).endpointIdentificationAlgorithm("HTTPS")
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(NettyHttp2WebSocketClient.Builder.alpnH2()).build()));
        NettyHttp2WebSocketClient client = builder.build();
        return Client.of((uri, handler, options) -> overHttp2(client.connect(uri, handler, options)),
                client::reconnecting, client::close);
    }

    /** The connect, failed when its socket is not an RFC 8441 stream. */
    private CompletableFuture<WebSocket> overHttp2(CompletableFuture<WebSocket> connect) {
        return connect.thenApply(socket -> {
            HttpRequest request = socket.request();
            int status = socket.handshakeResponse().orElseThrow().status();
            if (!request.method().equals("CONNECT") || request.versionMajor() != 2 || status != 200) {
                throw new AssertionError("not a WebSocket over HTTP/2: " + request.method() + " HTTP/"
                        + request.versionMajor() + "." + request.versionMinor() + ", answered " + status);
            }
            http2Streams.incrementAndGet();
            return socket;
        });
    }
}
