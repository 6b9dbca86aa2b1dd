package dev.wskit.transport.vertx;

import dev.wskit.protocol.PayloadRelease;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.transport.core.ConnectionDriver;
import dev.wskit.transport.core.ConnectionIo;
import dev.wskit.transport.core.ServerSettings;
import io.vertx.core.AsyncResult;
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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLSession;

/**
 * One wskit connection on an upgrade request a Vert.x {@code HttpServer} read (see
 * {@link VertxUpgradeHandler}), on the request's context. The engine judges the request; its
 * answer goes out through Vert.x's own response, since Vert.x writes the head of the connection
 * it hands over itself ({@code toNetSocket()} writes a 101 with the response's fields, and nothing
 * else). From then on a {@link NetSocketConnection} on that socket does the I/O, and what the
 * connection wrote before the socket came (a greeting from {@code onOpen}) goes first.
 */
final class UpgradingRequest extends ContextBoundIo {
    private final Object keptReachable;
    private final HttpServerRequest request;
    private final ConnectionDriver driver;
    /** The handed-over socket's connection, doing all I/O once there; {@code null} until then. */
    private NetSocketConnection socket;
    /** What the connection did before the socket came, in order, to be done on it then. */
    private final List<Consumer<ConnectionIo>> waiting = new ArrayList<>();
    private long waitingBytes;
    private boolean handingOver;
    /** The refusal being written, once the answer is one. */
    private Future<Void> refused;

    UpgradingRequest(Object keptReachable, HttpServerRequest request, Function<ConnectionIo, ConnectionDriver> drivers) {
        super(Vertx.currentContext().owner(), Vertx.currentContext());
        this.keptReachable = keptReachable;
        this.request = request;
        this.driver = drivers.apply(this);
    }

    /** Hands the request to the engine, which answers it now or once the application decides. */
    void start(HttpRequest parsed) {
        // The client leaving before the socket is handed over; the socket reports it afterwards.
        request.response().closeHandler(v -> {
            if (socket == null) {
                driver.transportClosed();
            }
        });
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
    public void writeAnswer(HttpResponse answer, ByteBuffer encoded) {
        if (answer.status() != 101) {
            refused = respond(request.response(), answer);
            return;
        }
        handingOver = true;
        copyHead(request.response(), answer);
        request.toNetSocket().onComplete(this::handedOver);
    }

    private void handedOver(AsyncResult<NetSocket> handover) {
        if (handover.failed()) {
            request.connection().close();
            driver.transportClosed();
            return;
        }
        socket = new NetSocketConnection(keptReachable, vertx(), context(), handover.result(), io -> driver);
        waiting.forEach(step -> step.accept(socket));
        waiting.clear();
        waitingBytes = 0;
        socket.start(ServerSettings.STOP_REASON);
    }

    /** Done at once on the socket, or once it comes. */
    private void onSocket(Consumer<ConnectionIo> step) {
        if (socket != null) {
            step.accept(socket);
        } else {
            waiting.add(step);
        }
    }

    @Override
    public void write(ByteBuffer bytes, PayloadRelease release) {
        if (socket == null) {
            waitingBytes += bytes.remaining();
        }
        onSocket(io -> io.write(bytes, release));
    }

    /** Vert.x flushes a socket's writes itself. */
    @Override
    public void flush() {
    }

    @Override
    public long unwrittenBytes() {
        return socket != null ? socket.unwrittenBytes() : waitingBytes;
    }

    @Override
    public void reading(boolean on) {
        onSocket(io -> io.reading(on));
    }

    /** After a refusal, the connection closes once it is written: the client may not retry on it. */
    @Override
    public void endGracefully() {
        if (socket == null && refused != null) {
            refused.onComplete(written -> closeConnection());
        } else {
            onSocket(ConnectionIo::endGracefully);
        }
    }

    @Override
    public void abort() {
        if (socket == null && !handingOver) {
            closeConnection();
        } else {
            onSocket(ConnectionIo::abort);
        }
    }

    private void closeConnection() {
        request.connection().close().onComplete(closed -> driver.transportClosed());
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
