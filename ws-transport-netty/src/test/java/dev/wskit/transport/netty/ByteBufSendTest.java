package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.Payloads;
import dev.wskit.testkit.kit.Recorder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link NettyWebSocket#sendBinary(ByteBuf)} hands a pooled buffer over without a copy: every
 * buffer sent is released exactly once (its count reaches zero, never below: a second release
 * would throw), whether it was written, split into frames, copied for being small, sent from
 * another thread or refused; the module's PARANOID leak check covers the rest.
 */
@ExtendWith(Kit.Extension.class)
class ByteBufSendTest {
    /** Server frames are cut at 16 KiB, so a large reply is written as several frames of one buffer. */
    private static final WebSocketConfig CONFIG = WebSocketConfig.builder().maxOutgoingFrameSize(16 * 1024).build();
    private static final List<ByteBuf> sentByServer = new CopyOnWriteArrayList<>();
    private static final CompletableFuture<Boolean> sentAfterClose = new CompletableFuture<>();
    /** The event loop of each server connection, as it opens. */
    private static final BlockingQueue<EventLoop> serverLoops = new LinkedBlockingQueue<>();
    private static NettyWebSocketServer server;
    private static NettyWebSocketClient client;

    @BeforeAll
    static void start() throws IOException {
        server = NettyWebSocketServer.builder().config(CONFIG).handler(ReplyingHandler::new).build().start();
        client = NettyWebSocketClient.builder().build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop(Duration.ofSeconds(2));
    }

    @BeforeEach
    void forgetEarlierBuffers() {
        sentByServer.clear();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100, 1024, 64 * 1024, 1024 * 1024})
    void aServerReplyFromAPooledBufferArrivesWholeAndTheBufferIsReleased(int length, Kit kit) throws Exception {
        Recorder events = connect(kit);
        events.socket().sendText("reply " + length);
        events.expectBinary(Payloads.binary(length));
        assertAllReleased(sentByServer, Kit.next(serverLoops));
    }

    @Test
    void aReplyFromAnotherThreadIsReleasedToo(Kit kit) throws Exception {
        Recorder events = connect(kit);
        events.socket().sendText("reply-later 200000");
        events.expectBinary(Payloads.binary(200_000));
        assertAllReleased(sentByServer, Kit.next(serverLoops));
    }

    @Test
    void aSendRefusedAfterTheCloseReleasesTheBufferAndReturnsFalse(Kit kit) throws Exception {
        Recorder events = connect(kit);
        events.socket().sendText("close-then-reply");
        events.expect("close:1000:");
        assertThat(sentAfterClose.get(10, TimeUnit.SECONDS)).isFalse();
        assertAllReleased(sentByServer, Kit.next(serverLoops));
    }

    @Test
    void aClientMasksItsPooledBufferInPlaceAndTheServerReadsTheMessage(Kit kit) throws Exception {
        Recorder events = connect(kit);
        NettyWebSocket socket = (NettyWebSocket) events.socket();
        byte[] expected = Payloads.binary(300_000);
        ByteBuf data = PooledByteBufAllocator.DEFAULT.directBuffer(expected.length).writeBytes(expected);
        socket.sendBinary(data);
        // The echo of what the server read.
        events.expectBinary(expected);
        assertAllReleased(List.of(data), socket.channel().eventLoop());
    }

    @Test
    void aClientSendFromAnotherThreadAfterTheCloseIsRefusedAndReleased(Kit kit) throws Exception {
        Recorder events = connect(kit);
        NettyWebSocket socket = (NettyWebSocket) events.socket();
        socket.close();
        events.expect("close:1000:");
        ByteBuf data = PooledByteBufAllocator.DEFAULT.directBuffer(4096).writeZero(4096);
        assertThat(socket.sendBinary(data)).isFalse();
        assertThat(data.refCnt()).isZero();
    }

    private static Recorder connect(Kit kit) throws Exception {
        serverLoops.clear();
        Recorder events = kit.recorder("client");
        Kit.await(client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), events));
        events.expect("open");
        return events;
    }

    /**
     * A write's listener releases on the writer's event loop, in the flush that wrote the last
     * byte, possibly just after the peer read it: a task queued on that loop runs after it.
     */
    private static void assertAllReleased(List<ByteBuf> buffers, EventLoop loop) {
        loop.submit(() -> { }).syncUninterruptibly();
        assertThat(buffers).isNotEmpty().allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    /** Answers "reply N" with N pattern bytes from a pooled direct buffer; echoes binaries back. */
    private static final class ReplyingHandler implements WebSocketHandler {
        @Override
        public void onOpen(WebSocket socket) {
            serverLoops.add(((NettyWebSocket) socket).channel().eventLoop());
        }

        @Override
        public void onText(WebSocket socket, String command) {
            NettyWebSocket netty = (NettyWebSocket) socket;
            String[] words = command.split(" ");
            switch (words[0]) {
                case "reply" -> netty.sendBinary(pooled(Integer.parseInt(words[1])));
                case "reply-later" -> {
                    ByteBuf data = pooled(Integer.parseInt(words[1]));
                    new Thread(() -> netty.sendBinary(data)).start();
                }
                case "close-then-reply" -> {
                    netty.close();
                    sentAfterClose.complete(netty.sendBinary(pooled(10_000)));
                }
                default -> throw new IllegalArgumentException(command);
            }
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            socket.sendBinary(data);
        }

        private static ByteBuf pooled(int length) {
            ByteBuf data = PooledByteBufAllocator.DEFAULT.directBuffer(length).writeBytes(Payloads.binary(length));
            sentByServer.add(data);
            return data;
        }
    }
}
