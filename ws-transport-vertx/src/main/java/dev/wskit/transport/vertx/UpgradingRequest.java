package dev.wskit.transport.vertx;

import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.transport.core.ConnectionDriver;
import dev.wskit.transport.core.ConnectionIo;
import dev.wskit.transport.core.HandoverIo;
import dev.wskit.transport.core.ServerSettings;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import javax.net.ssl.SSLSession;

/**
 * One wskit connection on an upgrade request a Vert.x {@code HttpServer} read (see
 * {@link VertxUpgradeHandler}), on the request's context. The engine's answer goes out through
 * Vert.x's own response, since Vert.x writes the head of the connection it hands over itself
 * ({@code toNetSocket()} writes a 101 with the response's fields, and nothing else). From then on a
 * {@link NetSocketConnection} on that socket does the I/O.
 */
final class UpgradingRequest extends HandoverIo implements ContextBoundIo {
    private final Object keptReachable;
    private final Context context = Vertx.currentContext();
    private final HttpServerRequest request;
    private final ConnectionDriver driver;

    UpgradingRequest(Object keptReachable, HttpServerRequest request, Function<ConnectionIo, ConnectionDriver> drivers) {
        this.keptReachable = keptReachable;
        this.request = request;
        this.driver = drivers.apply(this);
    }

    /** Hands the request to the engine, which answers it now or once the application decides. */
    void start(HttpRequest parsed) {
        // The client leaving before the socket is handed over; the socket reports it afterwards.
        request.response().closeHandler(v -> httpConnectionClosed());
        driver.receiveUpgrade(parsed);
    }

    /**
     * Writes a complete answer through Vert.x's response; the engine's body and fields, the
     * status line's reason, and the {@code Content-Length} Vert.x adds, as the engine would.
     */
    static Future<Void> respond(HttpServerResponse response, HttpResponse answer) {
        copyHead(response, answer);
        return response.end(Buffer.buffer(answer.body()));
    }

    private static void copyHead(HttpServerResponse response, HttpResponse answer) {
        response.setStatusCode(answer.status()).setStatusMessage(answer.reason());
        answer.headers().forEach(response.headers()::add);
    }

    @Override
    protected ConnectionDriver driver() {
        return driver;
    }

    @Override
    protected CompletionStage<Void> respond(HttpResponse refusal) {
        return respond(request.response(), refusal).toCompletionStage();
    }

    @Override
    protected void handOver(HttpResponse accepted) {
        copyHead(request.response(), accepted);
        request.toNetSocket().onComplete(this::socketHandedOver);
    }

    private void socketHandedOver(AsyncResult<NetSocket> handover) {
        if (handover.failed()) {
            request.connection().close();
            driver.transportClosed();
            return;
        }
        NetSocketConnection socket = new NetSocketConnection(keptReachable, context, handover.result(), io -> driver);
        handedOver(socket);
        socket.start(ServerSettings.STOP_REASON);
    }

    @Override
    protected CompletionStage<Void> closeConnection() {
        return request.connection().close().toCompletionStage();
    }

    @Override
    public Context context() {
        return context;
    }

    @Override
    public SocketAddress remoteAddress() {
        return inet(request.connection().remoteAddress());
    }

    @Override
    public SocketAddress localAddress() {
        return inet(request.connection().localAddress());
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return Optional.ofNullable(request.sslSession());
    }

    /** Vert.x's address as the JDK's; an IP literal, so no name is looked up. */
    private static SocketAddress inet(io.vertx.core.net.SocketAddress address) {
        if (address == null || !address.isInetSocket()) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(address.hostAddress()), address.port());
        } catch (UnknownHostException notALiteral) {
            return InetSocketAddress.createUnresolved(address.hostAddress(), address.port());
        }
    }
}
