package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wskit.protocol.WebSocket;
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
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Netty transport a server and a client run on, seen in the class of the channel each side
 * of a connection got (a channel registers only with event loops of its own kind). Netty's
 * native epoll library is on this module's test class path, so here every server or client that
 * makes its own event loops runs on epoll; NIO is covered by event loops the application passes
 * in, and by ws-conformance, which runs without the native library.
 */
class EpollAndNioTest {
    private static final int LARGE = 64 * 1024;
    private static final BlockingQueue<String> serverEvents = EchoHandler.newEventQueue();
    private static final BlockingQueue<Channel> serverChannels = new LinkedBlockingQueue<>();

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
    void ownEventLoopsRunOnEpollWhereItIsAvailable() throws Exception {
        assumeEpoll();
        NettyWebSocketServer server = NettyWebSocketServer.builder().handler(EpollAndNioTest::echo).build().start();
        try (NettyWebSocketClient client = NettyWebSocketClient.builder().build()) {
            echoRoundTrip(server, client, EpollSocketChannel.class, "/own");
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @ParameterizedTest
    @EnumSource(Io.class)
    void theApplicationsEventLoopsDecideTheTransport(Io io) throws Exception {
        if (io == Io.EPOLL) {
            assumeEpoll();
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, io.ioHandlers.get());
        NettyWebSocketServer server = NettyWebSocketServer.builder().eventLoopGroups(group, group)
                .handler(EpollAndNioTest::echo).build().start();
        try (NettyWebSocketClient client = NettyWebSocketClient.builder().eventLoopGroup(group).build()) {
            echoRoundTrip(server, client, io.channelType, "/" + io.name().toLowerCase(Locale.ROOT));
        } finally {
            server.stop(Duration.ofSeconds(2));
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Both ends on {@code channelType}: a text, a 64 KiB binary (64-bit length, many reads) and a close. */
    private static void echoRoundTrip(NettyWebSocketServer server, NettyWebSocketClient client,
                                      Class<? extends Channel> channelType, String path) throws Exception {
        serverChannels.clear();
        serverEvents.clear();
        Recorder events = new Recorder();
        NettyWebSocket socket = (NettyWebSocket) client.connect(URI.create("ws://127.0.0.1:" + server.port() + path), events)
                .orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(socket.channel()).as("the client's channel").isInstanceOf(channelType);
        assertThat(serverChannels.poll(10, TimeUnit.SECONDS)).as("the server's channel").isInstanceOf(channelType);

        socket.sendText("over " + path);
        assertThat(events.next()).isEqualTo("over " + path);
        socket.sendBinary(ByteBuffer.wrap(Payloads.binary(LARGE)));
        assertThat((byte[]) events.next()).isEqualTo(Payloads.binary(LARGE));
        socket.close(1000, "done");
        // Our server's reply echoes the code only (RFC 6455 §5.5.1).
        assertThat(events.next()).isEqualTo("close:1000:");
        assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo(path + " close:1000:done");
        // RFC 6455 §7.1.1: the server closes TCP first, the client's channel sees it.
        assertThat(socket.channel().closeFuture().await(10, TimeUnit.SECONDS)).as("the TCP connection closed").isTrue();
    }

    /** The echo handler, also handing over the channel each connection was accepted on. */
    private static EchoHandler echo() {
        return new EchoHandler(serverEvents) {
            @Override
            public void onOpen(WebSocket socket) {
                super.onOpen(socket);
                serverChannels.add(((NettyWebSocket) socket).channel());
            }
        };
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
