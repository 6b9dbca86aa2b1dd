package dev.wskit.transport.vertx;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.proxy.HttpProxy;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.testkit.kit.TestCertificate;
import dev.wskit.testkit.kit.TransportUnderTest;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ServerBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.TrustOptions;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
    public Server startServer(Supplier<? extends WebSocketHandler> handlers, WebSocketConfig config, TestCertificate tls) {
        return start(VertxWebSocketServer.builder(vertx()).handler(handlers), config, tls);
    }

    @Override
    public Server startServer(UpgradeDecider decider, WebSocketConfig config, TestCertificate tls) {
        return start(VertxWebSocketServer.builder(vertx()).upgrade(decider), config, tls);
    }

    @Override
    public Server startServerAskingForClientCertificates(UpgradeDecider decider, WebSocketConfig config,
            TestCertificate certificate, TestCertificate trustedClient) {
        VertxWebSocketServer.Builder builder = VertxWebSocketServer.builder(vertx()).upgrade(decider)
                .options(new NetServerOptions().setClientAuth(ClientAuth.REQUEST)
                        .setTrustOptions(TrustOptions.wrap(trustedClient.trustManagers())));
        return start(builder, config, certificate);
    }

    @Override
    public Server startServer(int port, Supplier<? extends WebSocketHandler> handlers, WebSocketConfig config) {
        return start(VertxWebSocketServer.builder(vertx()).port(port).handler(handlers), config, null);
    }

    @Override
    public Server startServer(Consumer<? super ServerBuilder<?>> setup) {
        VertxWebSocketServer.Builder builder = VertxWebSocketServer.builder(vertx());
        setup.accept(builder);
        VertxWebSocketServer server = join(builder.build().listen());
        return Server.of(server::port, server::stop);
    }

    private static Server start(VertxWebSocketServer.Builder builder, WebSocketConfig config, TestCertificate tls) {
        builder.config(config);
        if (tls != null) {
            builder.tls(KeyCertOptions.wrap(tls.keyManagers()));
        }
        VertxWebSocketServer server = join(builder.build().listen());
        return Server.of(server::port, server::stop);
    }

    @Override
    public Client newClient(WebSocketConfig config, TestCertificate trusted, HttpProxy proxy) {
        VertxWebSocketClient.Builder builder = VertxWebSocketClient.builder(vertx()).config(config);
        if (proxy != null) {
            builder.proxy(proxy);
        }
        if (trusted != null) {
            builder.tls(new ClientSSLOptions().setTrustOptions(TrustOptions.wrap(trusted.trustManagers())));
        }
        return client(builder);
    }

    @Override
    public Client newClient(Consumer<? super ClientBuilder<?>> setup) {
        VertxWebSocketClient.Builder builder = VertxWebSocketClient.builder(vertx());
        setup.accept(builder);
        return client(builder);
    }

    private static Client client(VertxWebSocketClient.Builder builder) {
        VertxWebSocketClient client = builder.build();
        return Client.of((uri, handler, options) -> client.connect(uri, handler, options).toCompletionStage()
                .toCompletableFuture(), client::reconnecting, client::close);
    }

    private static <T> T join(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }
}
