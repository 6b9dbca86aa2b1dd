package dev.wskit.transport.vertx;

import dev.wskit.testkit.kit.TestCertificate;
import dev.wskit.testkit.kit.TransportUnderTest;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ServerBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.TrustOptions;
import java.util.function.Consumer;

/** The Vert.x transport for the kit, on one Vert.x instance for the whole run. */
final class VertxTransport implements TransportUnderTest {
    private static Vertx vertx;

    static synchronized Vertx vertx() {
        if (vertx == null) {
            vertx = Vertx.vertx();
        }
        return vertx;
    }

    @Override
    public String name() {
        return "vertx";
    }

    @Override
    public ServerBuilder<?> serverBuilder(TestCertificate tls) {
        return tls == null ? VertxWebSocketServer.builder(vertx())
                : VertxWebSocketServer.builder(vertx()).tls(KeyCertOptions.wrap(tls.keyManagers()));
    }

    @Override
    public ServerBuilder<?> serverBuilderAskingForClientCertificates(TestCertificate certificate,
            TestCertificate trustedClient) {
        return VertxWebSocketServer.builder(vertx())
                .options(new NetServerOptions().setClientAuth(ClientAuth.REQUEST)
                        .setTrustOptions(TrustOptions.wrap(trustedClient.trustManagers())))
                .tls(KeyCertOptions.wrap(certificate.keyManagers()));
    }

    @Override
    public Client newClient(Consumer<? super ClientBuilder<?>> setup, TestCertificate trusted) {
        VertxWebSocketClient.Builder builder = VertxWebSocketClient.builder(vertx());
        setup.accept(trusted == null ? builder
                : builder.tls(new ClientSSLOptions().setTrustOptions(TrustOptions.wrap(trusted.trustManagers()))));
        VertxWebSocketClient client = builder.build();
        return Client.of((uri, handler, options) -> client.connect(uri, handler, options).toCompletionStage()
                .toCompletableFuture(), client::reconnecting, client::close);
    }
}
