package dev.wskit.transport.blocking;

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
    public ServerBuilder<?> serverBuilder(TestCertificate tls) throws GeneralSecurityException {
        return tls == null ? BlockingWebSocketServer.builder() : BlockingWebSocketServer.builder().tls(tls.serverContext());
    }

    @Override
    public ServerBuilder<?> serverBuilderAskingForClientCertificates(TestCertificate certificate,
            TestCertificate trustedClient) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(certificate.keyManagers().getKeyManagers(), trustedClient.trustManagers().getTrustManagers(), null);
        SSLParameters parameters = new SSLParameters();
        parameters.setWantClientAuth(true);
        return BlockingWebSocketServer.builder().tls(context, parameters);
    }

    @Override
    public Client newClient(Consumer<? super ClientBuilder<?>> setup, TestCertificate trusted) throws GeneralSecurityException {
        BlockingWebSocketClient.Builder builder = BlockingWebSocketClient.builder();
        setup.accept(trusted == null ? builder : builder.tls(trusted.clientContext()));
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
