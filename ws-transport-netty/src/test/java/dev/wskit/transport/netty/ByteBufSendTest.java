package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link NettyWebSocket#sendBinary(ByteBuf)} hands a pooled buffer over without a copy: every
 * buffer sent is released exactly once (its count reaches zero, never below: a second release
 * would throw), whether it was written, split into frames, copied for being small, sent from
 * another thread or refused; the module's PARANOID leak check covers the rest.
 */
class ByteBufSendTest {
    /** Server frames are cut at 16 KiB, so a large reply is written as several frames of one buffer. */
    private static final WebSocketConfig CONFIG = WebSocketConfig.builder().maxOutgoingFrameSize(16 * 1024).build();
    private static final List<ByteBuf> sentByServer = new CopyOnWriteArrayList<>();
    private static final CompletableFuture<Boolean> sentAfterClose = new CompletableFuture<>();
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
    void aServerReplyFromAPooledBufferArrivesWholeAndTheBufferIsReleased(int length) throws Exception {
        Recorder events = new Recorder();
        WebSocket socket = connect(events);
        socket.sendText("reply " + length);
        assertThat((byte[]) events.next()).isEqualTo(Payloads.binary(length));
        awaitAllReleased(sentByServer);
    }

    @Test
    void aReplyFromAnotherThreadIsReleasedToo() throws Exception {
        Recorder events = new Recorder();
        WebSocket socket = connect(events);
        socket.sendText("reply-later 200000");
        assertThat((byte[]) events.next()).isEqualTo(Payloads.binary(200_000));
        awaitAllReleased(sentByServer);
    }

    @Test
    void aSendRefusedAfterTheCloseReleasesTheBufferAndReturnsFalse() throws Exception {
        Recorder events = new Recorder();
        WebSocket socket = connect(events);
        socket.sendText("close-then-reply");
        assertThat(events.next()).isEqualTo("close:1000:");
        assertThat(sentAfterClose.get(10, TimeUnit.SECONDS)).isFalse();
        awaitAllReleased(sentByServer);
    }

    @Test
    void aClientMasksItsPooledBufferInPlaceAndTheServerReadsTheMessage() throws Exception {
        Recorder events = new Recorder();
        NettyWebSocket socket = (NettyWebSocket) connect(events);
        byte[] expected = Payloads.binary(300_000);
        ByteBuf data = PooledByteBufAllocator.DEFAULT.directBuffer(expected.length).writeBytes(expected);
        socket.sendBinary(data);
        assertThat((byte[]) events.next()).as("the echo of what the server read").isEqualTo(expected);
        awaitAllReleased(List.of(data));
    }

    @Test
    void aClientSendFromAnotherThreadAfterTheCloseIsRefusedAndReleased() throws Exception {
        Recorder events = new Recorder();
        NettyWebSocket socket = (NettyWebSocket) connect(events);
        socket.close();
        assertThat(events.next()).isEqualTo("close:1000:");
        ByteBuf data = PooledByteBufAllocator.DEFAULT.directBuffer(4096).writeZero(4096);
        assertThat(socket.sendBinary(data)).isFalse();
        assertThat(data.refCnt()).isZero();
    }

    private static WebSocket connect(Recorder events) throws Exception {
        return client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), events).get(10, TimeUnit.SECONDS);
    }

    private static void awaitAllReleased(List<ByteBuf> buffers) throws InterruptedException {
        // The write listener releases on the server's event loop, possibly just after the client read.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (buffers.stream().anyMatch(b -> b.refCnt() != 0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(buffers).isNotEmpty().allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    /** Answers "reply N" with N pattern bytes from a pooled direct buffer; echoes binaries back. */
    private static final class ReplyingHandler implements WebSocketHandler {
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
