package dev.wskit.transport.netty;

import dev.wskit.testkit.kit.TestCertificate;
import dev.wskit.testkit.kit.TransportUnderTest;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ServerBuilder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/** The Netty transport for the kit. */
final class NettyTransport implements TransportUnderTest {

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public ServerBuilder<?> serverBuilder(TestCertificate tls) throws SSLException {
        return tls == null ? NettyWebSocketServer.builder()
                : NettyWebSocketServer.builder().tls(SslContextBuilder.forServer(tls.keyManagers()).build());
    }

    @Override
    public ServerBuilder<?> serverBuilderAskingForClientCertificates(TestCertificate certificate,
            TestCertificate trustedClient) throws SSLException {
        return NettyWebSocketServer.builder().tls(SslContextBuilder.forServer(certificate.keyManagers())
                .trustManager(trustedClient.trustManagers()).clientAuth(ClientAuth.OPTIONAL).build());
    }

    @Override
    public Client newClient(Consumer<? super ClientBuilder<?>> setup, TestCertificate trusted) throws SSLException {
        NettyWebSocketClient.Builder builder = NettyWebSocketClient.builder();
        setup.accept(trusted == null ? builder : builder.tls(SslContextBuilder.forClient()
                .trustManager(trusted.trustManagers()).endpointIdentificationAlgorithm("HTTPS").build()));
        NettyWebSocketClient client = builder.build();
        return Client.of(client::connect, client::reconnecting, client::close);
    }
}
