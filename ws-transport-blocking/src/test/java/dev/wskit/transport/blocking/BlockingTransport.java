package dev.wskit.transport.blocking;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.proxy.HttpProxy;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.testkit.kit.TestCertificate;
import dev.wskit.testkit.kit.TransportUnderTest;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ServerBuilder;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** The blocking transport for the kit; its client connects synchronously, so each connect gets a thread. */
final class BlockingTransport implements TransportUnderTest {
    private static final ExecutorService CONNECTING = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "kit-blocking-connect");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public String name() {
        return "blocking";
    }

    @Override
    public Server startServer(Supplier<? extends WebSocketHandler> handlers, WebSocketConfig config, TestCertificate tls)
            throws Exception {
        return start(BlockingWebSocketServer.builder().handler(handlers), config, tls);
    }

    @Override
    public Server startServer(UpgradeDecider decider, WebSocketConfig config, TestCertificate tls) throws Exception {
        return start(BlockingWebSocketServer.builder().upgrade(decider), config, tls);
    }

    @Override
    public Server startServerAskingForClientCertificates(UpgradeDecider decider, WebSocketConfig config,
            TestCertificate certificate, TestCertificate trustedClient) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(certificate.keyManagers().getKeyManagers(), trustedClient.trustManagers().getTrustManagers(), null);
        SSLParameters parameters = new SSLParameters();
        parameters.setWantClientAuth(true);
        return start(BlockingWebSocketServer.builder().upgrade(decider).tls(context, parameters), config, null);
    }

    @Override
    public Server startServer(int port, Supplier<? extends WebSocketHandler> handlers, WebSocketConfig config) throws Exception {
        return start(BlockingWebSocketServer.builder().port(port).handler(handlers), config, null);
    }

    @Override
    public Server startServer(Consumer<? super ServerBuilder<?>> setup) throws Exception {
        BlockingWebSocketServer.Builder builder = BlockingWebSocketServer.builder();
        setup.accept(builder);
        BlockingWebSocketServer server = builder.build().start();
        return Server.of(server::port, server::stop);
    }

    private static Server start(BlockingWebSocketServer.Builder builder, WebSocketConfig config, TestCertificate tls)
            throws Exception {
        builder.config(config);
        if (tls != null) {
            builder.tls(tls.serverContext());
        }
        BlockingWebSocketServer server = builder.build().start();
        return Server.of(server::port, server::stop);
    }

    @Override
    public Client newClient(WebSocketConfig config, TestCertificate trusted, HttpProxy proxy) {
        BlockingWebSocketClient.Builder builder = BlockingWebSocketClient.builder().config(config);
        if (proxy != null) {
            builder.proxy(proxy);
        }
        if (trusted != null) {
            try {
                builder.tls(trusted.clientContext());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return client(builder);
    }

    @Override
    public Client newClient(Consumer<? super ClientBuilder<?>> setup) {
        BlockingWebSocketClient.Builder builder = BlockingWebSocketClient.builder();
        setup.accept(builder);
        return client(builder);
    }

    private static Client client(BlockingWebSocketClient.Builder builder) {
        BlockingWebSocketClient client = builder.build();
        return Client.of((uri, handler, options) -> CompletableFuture.supplyAsync(() -> {
            try {
                return client.connect(uri, handler, options);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, CONNECTING), client::reconnecting, client::close);
    }
}
