package dev.wskit.examples.transport;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.transport.core.ServerBuilder;
import dev.wskit.transport.netty.NettyWebSocketClient;
import dev.wskit.transport.netty.NettyWebSocketServer;
import dev.wskit.transport.netty.http2.NettyHttp2WebSocketServer;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/** Netty 4.2 channels on event loops the server or client creates for itself. */
final class NettyTransport implements Transport {

    @Override
    public RunningServer start(String host, int port, WebSocketConfig config, UpgradeDecider decider,
                               Consumer<? super ServerBuilder<?>> watching) throws IOException {
        NettyWebSocketServer.Builder builder = NettyWebSocketServer.builder()
                .host(host).port(port).config(config).upgrade(decider);
        watching.accept(builder);
        NettyWebSocketServer server = builder.build().start();
        return new RunningServer(host, server.port(), () -> server.stop(config.closeTimeout()));
    }

    /**
     * A server that also speaks HTTP/2 on its port (RFC 8441): h2c with prior knowledge, one
     * WebSocket per extended CONNECT stream, and HTTP/1.1 WebSockets as {@link #start} serves them.
     */
    static RunningServer startHttp2(String host, int port, WebSocketConfig config, UpgradeDecider decider,
                                    Consumer<? super ServerBuilder<?>> watching) throws IOException {
        NettyHttp2WebSocketServer.Builder builder = NettyHttp2WebSocketServer.builder()
                .host(host).port(port).config(config).upgrade(decider);
        watching.accept(builder);
        NettyHttp2WebSocketServer server = builder.build().start();
        return new RunningServer(host, server.port(), () -> server.stop(config.closeTimeout()));
    }

    /**
     * {@link #start} or {@link #startHttp2} over TLS, with the PEM certificate chain and key of
     * {@code tls}; for HTTP/2, ALPN offers h2 first and the cipher suites are those RFC 9113 §9.2.2
     * allows.
     */
    static RunningServer startTls(String host, int port, TlsFiles tls, boolean http2, WebSocketConfig config,
                                  UpgradeDecider decider, Consumer<? super ServerBuilder<?>> watching)
            throws IOException {
        SslContext context = serverContext(tls, http2);
        if (http2) {
            NettyHttp2WebSocketServer.Builder builder = NettyHttp2WebSocketServer.builder()
                    .host(host).port(port).config(config).upgrade(decider).tls(context);
            watching.accept(builder);
            NettyHttp2WebSocketServer server = builder.build().start();
            return new RunningServer(host, server.port(), true, () -> server.stop(config.closeTimeout()));
        }
        NettyWebSocketServer.Builder builder = NettyWebSocketServer.builder()
                .host(host).port(port).config(config).upgrade(decider).tls(context);
        watching.accept(builder);
        NettyWebSocketServer server = builder.build().start();
        return new RunningServer(host, server.port(), true, () -> server.stop(config.closeTimeout()));
    }

    /** A server context from the files; for HTTP/2 with ALPN offering h2, then http/1.1. */
    private static SslContext serverContext(TlsFiles tls, boolean http2) throws IOException {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(tls.certificate().toFile(), tls.key().toFile());
            if (http2) {
                builder.ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                        .applicationProtocolConfig(NettyHttp2WebSocketServer.Builder.alpnH2AndHttp11());
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException unreadable) {
            throw new IOException("cannot read the TLS certificate " + tls.certificate() + " and key " + tls.key()
                    + ": " + unreadable.getMessage(), unreadable);
        }
    }

    @Override
    public ClientConnection connect(URI uri, WebSocketConfig config, ClientOptions options,
                                    WebSocketHandler handler) throws Exception {
        NettyWebSocketClient.Builder builder = NettyWebSocketClient.builder().config(config);
        options.applyTo(builder);
        NettyWebSocketClient client = builder.build();
        try {
            WebSocket socket = Transport.await(client.connect(uri, handler));
            return new ClientConnection(socket, client::close);
        } catch (Exception failed) {
            client.close();
            throw failed;
        }
    }
}
