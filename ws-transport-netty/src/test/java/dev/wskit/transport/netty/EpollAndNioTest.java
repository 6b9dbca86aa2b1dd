package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.Payloads;
import dev.wskit.testkit.kit.Recorder;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Netty transport a server and a client run on, seen in the class of the channel each side
 * of a connection got (a channel registers only with event loops of its own kind). Netty's
 * native epoll library is on this module's test class path, so here every server or client that
 * makes its own event loops runs on epoll; NIO is covered by event loops the application passes
 * in, and by ws-conformance, which runs without the native library.
 */
@ExtendWith(Kit.Extension.class)
class EpollAndNioTest {
    private static final int LARGE = 64 * 1024;

    /** The event loops an application may pass in, and the channels they imply. */
    enum Io {
        NIO(NioIoHandler::newFactory, NioSocketChannel.class),
        EPOLL(EpollIoHandler::newFactory, EpollSocketChannel.class);

        final Supplier<IoHandlerFactory> ioHandlers;
        final Class<? extends Channel> channelType;

        Io(Supplier<IoHandlerFactory> ioHandlers, Class<? extends Channel> channelType) {
            this.ioHandlers = ioHandlers;
            this.channelType = channelType;
        }
    }

    @Test
    void ownEventLoopsRunOnEpollWhereItIsAvailable(Kit kit) throws Exception {
        assumeEpoll();
        echoRoundTrip(kit, NettyWebSocketServer.builder(), NettyWebSocketClient.builder(), EpollSocketChannel.class);
    }

    @ParameterizedTest
    @EnumSource(Io.class)
    void theApplicationsEventLoopsDecideTheTransport(Io io, Kit kit) throws Exception {
        if (io == Io.EPOLL) {
            assumeEpoll();
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, io.ioHandlers.get());
        kit.closeAfter(() -> group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly());
        echoRoundTrip(kit, NettyWebSocketServer.builder().eventLoopGroups(group, group),
                NettyWebSocketClient.builder().eventLoopGroup(group), io.channelType);
    }

    /**
     * Both ends on {@code channelType}: a text, a 64 KiB binary (64-bit length, many reads) and a
     * close; every server callback on its channel's event loop.
     */
    private static void echoRoundTrip(Kit kit, NettyWebSocketServer.Builder serverBuilder,
            NettyWebSocketClient.Builder clientBuilder, Class<? extends Channel> channelType) throws Exception {
        BlockingQueue<Recorder> connections = new LinkedBlockingQueue<>();
        NettyWebSocketServer server = serverBuilder.handler(() -> {
            Recorder recorder = kit.echoingRecorder("server connection");
            connections.add(recorder);
            return new OnItsEventLoop(recorder);
        }).build().start();
        kit.closeAfter(() -> server.stop(Duration.ofSeconds(2)));
        NettyWebSocketClient client = kit.closeAfter(clientBuilder.build());
        Recorder events = kit.recorder("client");
        NettyWebSocket socket = (NettyWebSocket) Kit.await(client.connect(
                URI.create("ws://127.0.0.1:" + server.port() + "/"), events));
        events.expect("open");
        Recorder serverSide = Kit.next(connections);
        serverSide.expect("open");
        assertThat(socket.channel()).as("the client's channel").isInstanceOf(channelType);
        assertThat(((NettyWebSocket) serverSide.socket()).channel()).as("the server's channel").isInstanceOf(channelType);

        socket.sendText("over " + channelType.getSimpleName());
        serverSide.expectText("over " + channelType.getSimpleName());
        events.expectText("over " + channelType.getSimpleName());
        socket.sendBinary(ByteBuffer.wrap(Payloads.binary(LARGE)));
        serverSide.expectBinary(Payloads.binary(LARGE));
        events.expectBinary(Payloads.binary(LARGE));
        socket.close(1000, "done");
        serverSide.expect("close:1000:done");
        // Our server's reply echoes the code only (RFC 6455 §5.5.1).
        events.expect("close:1000:");
        // RFC 6455 §7.1.1: the server closes TCP first, the client's channel sees it.
        assertThat(socket.channel().closeFuture().await(10, TimeUnit.SECONDS)).as("the TCP connection closed").isTrue();
    }

    /** Fails the connection (1011) when a callback runs off its channel's event loop. */
    private static final class OnItsEventLoop extends ForwardingWebSocketHandler {
        OnItsEventLoop(WebSocketHandler recorder) {
            super(recorder);
        }

        @Override
        public void onText(WebSocket socket, String text) {
            check(socket);
            super.onText(socket, text);
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            check(socket);
            super.onBinary(socket, data);
        }

        private static void check(WebSocket socket) {
            if (!((NettyWebSocket) socket).channel().eventLoop().inEventLoop()) {
                socket.close(CloseCode.INTERNAL_ERROR, "callback off the event loop");
            }
        }
    }

    /**
     * Epoll needs Linux and a native library built for the machine; the test class path holds the
     * x86-64 one. Where that fits, epoll must load (a failure to load fails the test); elsewhere
     * the test is skipped.
     */
    private static void assumeEpoll() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        assumeTrue(os.startsWith("Linux") && (arch.equals("amd64") || arch.equals("x86_64")),
                () -> "epoll is not available on " + os + " " + arch + ": only linux-x86_64 is on the test class path");
        if (!Epoll.isAvailable()) {
            throw new AssertionError("epoll should load on " + os + " " + arch, Epoll.unavailabilityCause());
        }
    }
}
