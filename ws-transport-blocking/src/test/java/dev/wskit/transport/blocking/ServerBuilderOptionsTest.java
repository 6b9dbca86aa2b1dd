package dev.wskit.transport.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.WebSocket;
import dev.wskit.testkit.kit.JdkRecorder;
import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.RawPeer;
import dev.wskit.testkit.kit.Recorder;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What only the blocking server has (the kit runs the rest): a hard cap on connections, a write timeout
 * for a peer that does not read, and threads of its own that all end with {@code stop}.
 */
@ExtendWith(Kit.Extension.class)
@Timeout(60)
class ServerBuilderOptionsTest {
    /** With its 4-byte header (RFC 6455 §5.2, 16-bit length) a frame of exactly 65 530 bytes. */
    private static final int PAYLOAD = 65_526;

    private static BlockingWebSocketServer start(Kit kit, BlockingWebSocketServer.Builder builder,
            BlockingQueue<Recorder> connections) throws IOException {
        return kit.closeAfter(builder.handler(() -> {
            Recorder recorder = kit.echoingRecorder("server connection");
            connections.add(recorder);
            return recorder;
        }).build().start());
    }

    @Test
    void beyondTheHardCapAConnectionIsClosedWithNoByteAndThoseWithinAreServed(Kit kit) throws Exception {
        BlockingQueue<Recorder> connections = new LinkedBlockingQueue<>();
        BlockingWebSocketServer server = start(kit, BlockingWebSocketServer.builder().maxConnections(1), connections);
        RawPeer first = kit.rawUpgraded(server.port());
        Recorder firstSide = Kit.next(connections);
        firstSide.expect("open");
        // Over maxConnections: each is held (and would be answered 503) up to the hard cap.
        List<RawPeer> beingRefused = new ArrayList<>();
        for (int i = 0; i < BlockingWebSocketServer.REFUSAL_ROOM; i++) {
            beingRefused.add(kit.raw(server.port()));
        }
        RawPeer pastTheCap = kit.raw(server.port());
        assertThat(pastTheCap.readToEnd()).as("closed with no byte").isEmpty();
        RawPeer refused = beingRefused.get(0);
        refused.write(RawPeer.UPGRADE);
        assertThat(new String(refused.readToEnd(), StandardCharsets.US_ASCII))
                .startsWith("HTTP/1.1 503 Service Unavailable\r\n");
        first.write(RawPeer.masked(0x81, "ok"));
        assertThat(RawPeer.hex(first.readExactly(4))).isEqualTo("81026f6b");
        firstSide.expectText("ok");
    }

    @Test
    void theHardCapIsMaxConnectionsPlusTheRoomForRefusalsAndNeverOverflows() {
        assertThat(BlockingWebSocketServer.hardCap(2)).isEqualTo(2 + BlockingWebSocketServer.REFUSAL_ROOM);
        assertThat(BlockingWebSocketServer.hardCap(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void dropsAPeerThatNeverReadsOnceAWriteBlocksForTheWriteTimeout(Kit kit) throws Exception {
        CompletableFuture<Integer> slowClosed = new CompletableFuture<>();
        BlockingQueue<Recorder> connections = new LinkedBlockingQueue<>();
        AtomicBoolean first = new AtomicBoolean(true);
        BlockingWebSocketServer server = kit.closeAfter(BlockingWebSocketServer.builder()
                .writeTimeout(Duration.ofMillis(500))
                .handler(() -> first.getAndSet(false) ? new ForwardingWebSocketHandler(Kit.echo()) {
                    @Override
                    public void onClose(WebSocket socket, int code, String reason) {
                        slowClosed.complete(code);
                    }
                } : take(kit, connections)).build().start());
        RawPeer slow = kit.rawWithSmallReceiveBuffer(server.port());
        slow.upgrade();
        // The peer writes until the server, blocked echoing to it, stops reading and drops it.
        CompletableFuture<Long> written = kit.inBackground("writer", () -> writeUntilDropped(slow));
        assertThat(Kit.await(slowClosed)).isEqualTo(1006);
        assertThat(Kit.await(written)).as("bounded by the kernel's buffers").isLessThan(64L * PAYLOAD * 1000);
        JdkRecorder healthy = kit.jdk(URI.create("ws://127.0.0.1:" + server.port() + "/"));
        Recorder healthySide = Kit.next(connections);
        healthySide.expect("open");
        Kit.await(healthy.socket().sendText("unaffected", true));
        healthySide.expectText("unaffected");
        healthy.expectText("unaffected");
    }

    @Test
    void stopEndsEveryThreadOfItsFactoryEvenWhenAPeerNeverAnswersTheClose(Kit kit) throws Exception {
        Set<Thread> made = ConcurrentHashMap.newKeySet();
        BlockingQueue<Recorder> connections = new LinkedBlockingQueue<>();
        BlockingWebSocketServer server = start(kit, BlockingWebSocketServer.builder().threadFactory(task -> {
            Thread thread = new Thread(task, "test-made");
            made.add(thread);
            return thread;
        }), connections);
        RawPeer silent = kit.rawUpgraded(server.port());
        Recorder silentSide = Kit.next(connections);
        silentSide.expect("open");
        server.stop(Duration.ofMillis(300));
        // The grace (300 ms) ran out before the close timeout (5 s): dropped by stop.
        silentSide.expect("close:1006:");
        // The close frame arrived; the peer never answered, so the grace ran out and it was dropped.
        assertThat(silent.socket().getInputStream().readNBytes(2)).containsExactly(0x88, 17);
        assertThat(made).isNotEmpty().allSatisfy(thread -> assertThat(thread.isAlive()).isFalse());
        assertThat(liveThreadsNamed("wskit-blocking-server")).isEmpty();
    }

    @Test
    void stopEndsEveryThreadOfItsOwn(Kit kit) throws Exception {
        BlockingQueue<Recorder> connections = new LinkedBlockingQueue<>();
        BlockingWebSocketServer server = start(kit, BlockingWebSocketServer.builder(), connections);
        JdkRecorder client = kit.jdk(URI.create("ws://127.0.0.1:" + server.port() + "/"));
        Recorder serverSide = Kit.next(connections);
        serverSide.expect("open");
        server.stop(Duration.ofSeconds(5));
        client.expect("close:1001:server stopping");
        serverSide.expect("close:1001:");
        assertThat(liveThreadsNamed("wskit-blocking-server")).isEmpty();
    }

    /** The healthy connection's recorder, made after the slow one. */
    private static Recorder take(Kit kit, BlockingQueue<Recorder> connections) {
        Recorder recorder = kit.echoingRecorder("server connection");
        connections.add(recorder);
        return recorder;
    }

    private static Set<String> liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(prefix)).collect(Collectors.toSet());
    }

    private static long writeUntilDropped(RawPeer peer) {
        byte[] frame = RawPeer.masked(0x82, new byte[PAYLOAD]);
        long sent = 0;
        try {
            for (int i = 0; i < 64_000; i++) {
                peer.write(frame);
                sent += frame.length;
            }
        } catch (IOException dropped) {
            return sent;
        }
        throw new AssertionError("the server never dropped a peer that does not read");
    }
}
