package dev.wskit.transport.netty;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.proxy.HttpProxy;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.testkit.kit.TestCertificate;
import dev.wskit.testkit.kit.TransportUnderTest;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ServerBuilder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/** The Netty transport for the kit. */
final class NettyTransport implements TransportUnderTest {

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public Server startServer(Supplier<? extends WebSocketHandler> handlers, WebSocketConfig config, TestCertificate tls)
            throws Exception {
        return start(NettyWebSocketServer.builder().handler(handlers), config, tls);
    }

    @Override
    public Server startServer(UpgradeDecider decider, WebSocketConfig config, TestCertificate tls) throws Exception {
        return start(NettyWebSocketServer.builder().upgrade(decider), config, tls);
    }

    @Override
    public Server startServerAskingForClientCertificates(UpgradeDecider decider, WebSocketConfig config,
            TestCertificate certificate, TestCertificate trustedClient) throws Exception {
        SslContext tls = SslContextBuilder.forServer(certificate.keyManagers())
                .trustManager(trustedClient.trustManagers()).clientAuth(ClientAuth.OPTIONAL).build();
        return start(NettyWebSocketServer.builder().upgrade(decider).tls(tls), config, null);
    }

    @Override
    public Server startServer(int port, Supplier<? extends WebSocketHandler> handlers, WebSocketConfig config) throws Exception {
        return start(NettyWebSocketServer.builder().port(port).handler(handlers), config, null);
    }

    @Override
    public Server startServer(Consumer<? super ServerBuilder<?>> setup) throws Exception {
        NettyWebSocketServer.Builder builder = NettyWebSocketServer.builder();
        setup.accept(builder);
        NettyWebSocketServer server = builder.build().start();
        return Server.of(server::port, server::stop);
    }

    private static Server start(NettyWebSocketServer.Builder builder, WebSocketConfig config, TestCertificate tls)
            throws Exception {
        builder.config(config);
        if (tls != null) {
            builder.tls(SslContextBuilder.forServer(tls.keyManagers()).build());
        }
        NettyWebSocketServer server = builder.build().start();
        return Server.of(server::port, server::stop);
    }

    @Override
    public Client newClient(WebSocketConfig config, TestCertificate trusted, HttpProxy proxy) {
        NettyWebSocketClient.Builder builder = NettyWebSocketClient.builder().config(config);
        if (proxy != null) {
            builder.proxy(proxy);
        }
        if (trusted != null) {
            try {
                builder.tls(SslContextBuilder.forClient().trustManager(trusted.trustManagers())
                        .endpointIdentificationAlgorithm("HTTPS").build());
            } catch (SSLException e) {
                throw new IllegalStateException(e);
            }
        }
        return client(builder);
    }

    @Override
    public Client newClient(Consumer<? super ClientBuilder<?>> setup) {
        NettyWebSocketClient.Builder builder = NettyWebSocketClient.builder();
        setup.accept(builder);
        return client(builder);
    }

    private static Client client(NettyWebSocketClient.Builder builder) {
        NettyWebSocketClient client = builder.build();
        return Client.of(client::connect, client::reconnecting, client::close);
    }
}
