package dev.wskit.transport.vertx;

import dev.wskit.protocol.handshake.WebSocketUri;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.internal.net.SslChannelProvider;
import io.vertx.core.internal.tls.SslContextManager;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A client's TLS to the server, on a socket connected to it or to a proxy whose tunnel leads to
 * it, with Vert.x's own TLS for the client's options. {@code NetSocket.upgradeToSsl} cannot serve:
 * it checks the certificate against the address the socket connected to, the proxy's in a tunnel,
 * so this builds the TLS handler through the same Vert.x integrator API (the {@code internal}
 * packages) for the server's host and port, and puts it first in the socket's pipeline. One way
 * for both, so TLS through a proxy is the TLS of a direct connect.
 */
final class ClientTls {
    /** The pipeline name Vert.x gives its TLS handler, which {@code NetSocket.isSsl()} looks for. */
    private static final String SSL_HANDLER_NAME = "ssl";

    private final VertxInternal vertx;
    private final SslContextManager contexts;

    ClientTls(Vertx vertx, NetClientOptions options) {
        this.vertx = (VertxInternal) vertx;
        this.contexts = new SslContextManager(SslContextManager.resolveEngineOptions(options.getSslEngineOptions(), false));
    }

    /**
     * Runs the TLS handshake with {@code target} over {@code socket}, on the socket's {@code context}, within
     * {@code millisLeft}; the server's host names SNI and is what its certificate must match (RFC
     * 6455 §4.1 item 5).
     */
    Future<Void> start(ContextInternal context, NetSocket socket, ClientSSLOptions tls, WebSocketUri target,
            long millisLeft) {
        SocketAddress server = SocketAddress.inetSocketAddress(target.port(), target.host());
        return contexts.resolveSslContextProvider(tls, tls.getHostnameVerificationAlgorithm(), null, null, context)
                .compose(provider -> {
                    SslHandler handler = new SslChannelProvider(vertx, provider, false).createClientSslHandler(
                            server, target.serverName().orElse(null), false, millisLeft, TimeUnit.MILLISECONDS);
                    Channel channel = ((NetSocketInternal) socket).channelHandlerContext().channel();
                    Promise<Void> handshake = context.promise();
                    handler.handshakeFuture().addListener(done -> {
                        if (done.isSuccess()) {
                            handshake.complete();
                        } else {
                            handshake.fail(done.cause());
                        }
                    });
                    channel.pipeline().addFirst(SSL_HANDLER_NAME, handler);
                    return handshake.future();
                });
    }
}
