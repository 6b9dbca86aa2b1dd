package dev.wskit.transport.vertx;

import dev.wskit.protocol.PayloadRelease;
import dev.wskit.transport.core.ConnectionDriver;
import dev.wskit.transport.core.ConnectionIo;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLSession;

/**
 * One wskit connection on a Vert.x {@link NetSocket}, always on the socket's {@link Context}. This
 * class only moves bytes: the shared {@link ConnectionDriver} decides the connection's life (timers,
 * how TCP ends, when to stop reading).
 *
 * <p>Half-close and reset are not in Vert.x's public socket API; both go to the Netty channel
 * under it, through Vert.x's integrator API ({@code io.vertx.core.internal.net}).
 */
final class NetSocketConnection implements ContextBoundIo {
    private static final PayloadRelease NOTHING_TO_RELEASE = () -> { };
    private final Context context;
    private final NetSocket socket;
    private final ConnectionDriver driver;
    /**
     * The client or server this connection belongs to, kept reachable for as long as the socket
     * is: Vert.x closes a {@code NetClient} nobody references any more (its CleanableNetClient),
     * which would shut down a connection the application still uses.
     */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final Object keptReachable;
    /** Bytes handed to the socket whose write has not completed yet (Vert.x's own queue). */
    private long unwrittenBytes;

    NetSocketConnection(Object keptReachable, Context context, NetSocket socket,
                        Function<ConnectionIo, ConnectionDriver> drivers) {
        this.context = context;
        this.keptReachable = keptReachable;
        this.socket = socket;
        this.driver = drivers.apply(this);
    }

    /** Wires the socket's handlers and starts the connection; call on the socket's context. */
    void start(String goingAwayReason) {
        socket.handler(buffer -> driver.receive(BufferBridge.ownedView(buffer)));
        socket.exceptionHandler(driver::transportFailed);
        socket.closeHandler(v -> driver.transportClosed());
        socket.shutdownHandler(v -> driver.goingAway(goingAwayReason));
        driver.start();
    }

    @Override
    public Context context() {
        return context;
    }

    ConnectionDriver driver() {
        return driver;
    }

    // ---- ConnectionIo ----------------------------------------------------------------------------

    /** Each read is a buffer of its own that nobody reuses (see {@link BufferBridge#ownedView}): kept as it is. */
    @Override
    public PayloadRelease retainRead(ByteBuffer buffer) {
        return NOTHING_TO_RELEASE;
    }

    /** The completion runs on this context: Vert.x completes a socket's futures there. */
    @Override
    public void write(ByteBuffer bytes, PayloadRelease release) {
        int length = bytes.remaining();
        unwrittenBytes += length;
        socket.write(BufferBridge.wrap(bytes)).onComplete(written -> {
            unwrittenBytes -= length;
            if (release != null) {
                release.release();
            }
            driver.outputProgressed();
        });
    }

    @Override
    public long unwrittenBytes() {
        return unwrittenBytes;
    }

    @Override
    public void reading(boolean on) {
        if (on) {
            socket.resume();
        } else {
            socket.pause();
        }
    }

    /** Over TLS the socket is closed instead of half-closed, which sends TLS's close_notify first. */
    @Override
    public void endGracefully() {
        // Completes after every earlier write: the FIN follows the last queued byte.
        socket.write(Buffer.buffer()).onComplete(written -> {
            Channel channel = channel();
            if (channel instanceof DuplexChannel duplex && channel.pipeline().get(SslHandler.class) == null) {
                duplex.shutdownOutput();
            } else {
                socket.close();
            }
        });
    }

    /**
     * Closes from the head of the pipeline: Vert.x's own handler queues a close behind the writes
     * still pending, which a peer that reads nothing never lets through.
     */
    @Override
    public void abort() {
        Channel channel = channel();
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.pipeline().firstContext().close();
    }

    @Override
    public SocketAddress remoteAddress() {
        return channel().remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return channel().localAddress();
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return Optional.ofNullable(socket.sslSession());
    }

    private Channel channel() {
        return ((NetSocketInternal) socket).channelHandlerContext().channel();
    }
}
