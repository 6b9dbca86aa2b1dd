package dev.wskit.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.ForwardingWebSocketHandler;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle every transport shares (docs/ARCHITECTURE.md): the answer to each misuse, how a
 * dead peer is dropped, and reads that never wait. Each case failed on at least one transport
 * before the lifecycle was decided in one place.
 */
public interface LifecycleContractCases extends TransportCases {

    /**
     * Decided: a send when the connection is not open returns {@code false}; it never throws and
     * never becomes a {@code 1011} close, not even from inside a callback after {@code close()}.
     */
    @Test
    default void aSendWhenNotOpenIsRefusedQuietlyAndNeverBecomes1011(Kit kit) throws Exception {
        CompletableFuture<Boolean> inCallback = new CompletableFuture<>();
        RecordingServer server = kit.server(WebSocketConfig.defaults(), null, recorder -> new ForwardingWebSocketHandler(recorder) {
            @Override
            public void onText(WebSocket socket, String text) {
                super.onText(socket, text);
                socket.close(1000, "done");
                inCallback.complete(socket.sendText("too late"));
            }
        });
        Recorder client = kit.connect(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        client.socket().sendText("close now");
        serverSide.expectText("close now");
        assertThat(Kit.await(inCallback)).as("a send after close() in a callback").isFalse();
        client.expectText("close now");
        client.expect("close:1000:done");
        serverSide.expect("close:1000:");
        assertThat(client.socket().sendText("after the close")).isFalse();
        assertThat(serverSide.socket().sendBinary(ByteBuffer.allocate(1))).isFalse();
    }

    /**
     * Decided, as the corollary of a refused send returning {@code false}: a send that was taken
     * is written, before the close. A thread sends while the server stops: every message a send
     * took arrives, in order, before the {@code 1001}; the first refused send ends the loop.
     */
    @Test
    default void noMessageASendTookIsLostWhenTheServerStops(Kit kit) throws Exception {
        int most = 20_000;
        RecordingServer server = kit.echoServer();
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        WebSocket socket = serverSide.socket();
        CompletableFuture<Integer> sender = kit.inBackground("sender", () -> {
            for (int i = 0; i < most; i++) {
                String text = "message " + i;
                if (!socket.sendText(text)) {
                    return i;
                }
            }
            return most;
        });
        jdk.expectText("message 0");
        server.stop(Duration.ofSeconds(5));
        int taken = Kit.await(sender);
        List<String> delivered = new ArrayList<>();
        Object event = jdk.next();
        for (; event instanceof String text; event = jdk.next()) {
            delivered.add(text);
        }
        assertThat(delivered).as("%d sends taken", taken).hasSize(taken - 1)
                .isEqualTo(IntStream.range(1, taken).mapToObj(i -> "message " + i).toList());
        assertThat(event).hasToString(GracefulStopCases.GOING_AWAY);
        serverSide.expect("close:1001:");
    }

    /** Decided: {@code sendText} with a lone surrogate throws {@link IllegalArgumentException} at the call site; the connection stays open. */
    @Test
    default void aTextWithALoneSurrogateIsRefusedAtTheCallSite(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        Recorder client = kit.connect(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        assertThatThrownBy(() -> client.socket().sendText("broken \ud800 text")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> serverSide.socket().sendText("\udc00")).isInstanceOf(IllegalArgumentException.class);
        client.socket().sendText("still open");
        serverSide.expectText("still open");
        client.expectText("still open");
    }

    /** Decided: a server handler whose {@code onOpen} throws gets its connection closed with {@code 1011}. */
    @Test
    default void aServerOnOpenThatThrowsClosesWith1011(Kit kit) throws Exception {
        RecordingServer server = kit.server(WebSocketConfig.defaults(), null, throwingOnOpen());
        Recorder client = kit.connect(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        client.expect("close:1011:");
        serverSide.expect("error:INTERNAL_ERROR", "close:1011:");
    }

    /**
     * Decided: a client handler whose {@code onOpen} throws fails the connect future, and the
     * server is told {@code 1011}.
     */
    @Test
    default void aClientOnOpenThatThrowsFailsTheConnectAndCloses1011(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        Recorder client = kit.recorder("client");
        Throwable failure = Kit.failureOf(kit.client(WebSocketConfig.defaults(), null)
                .connect(server.uri(), throwingOnOpen().apply(client)));
        assertThat(Kit.causes(failure)).anySatisfy(cause -> assertThat(cause).hasMessage("onOpen failed"));
        client.expect("open", "error:INTERNAL_ERROR", "close:1011:");
        server.nextOpenConnection().expect("close:1011:");
    }

    /** Decided: closing a client closes each of its connections with {@code 1001}, a completed closing handshake. */
    @Test
    default void closingAClientClosesItsConnectionsWith1001(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        TransportUnderTest.Client ours = kit.client(WebSocketConfig.defaults(), null);
        Recorder first = kit.connect(ours, server.uri());
        Recorder second = kit.connect(ours, server.uri());
        Recorder firstServerSide = server.nextOpenConnection();
        Recorder secondServerSide = server.nextOpenConnection();
        ours.close();
        for (Recorder serverSide : new Recorder[] {firstServerSide, secondServerSide}) {
            assertThat(serverSide.nextNote()).startsWith("close:1001:");
        }
        first.expect("close:1001:");
        second.expect("close:1001:");
    }

    /**
     * Decided: a peer that stops reading and answering is dropped within the keepalive timeout
     * plus one interval, even while a send to it is stuck: reset, nothing more written, and the
     * server still stops. (The waits are the kit's bounded ones; no clock is read.)
     */
    @Test
    default void aPeerThatStopsReadingAndAnsweringIsDroppedByTheKeepalive(Kit kit) throws Exception {
        Duration idle = Duration.ofMillis(300);
        RecordingServer server = kit.server(WebSocketConfig.builder().idleTimeout(idle).build(), null,
                recorder -> recorder);
        RawPeer peer = kit.rawWithSmallReceiveBuffer(server.port());
        peer.upgrade();
        Recorder serverSide = server.nextOpenConnection();
        // From another thread, 3 MiB to a peer that reads none of it: the sender may be stuck. Less
        // than the default 4 MiB maxOutboundBytes with the frames' headers, so only the keepalive
        // may end the connection (4 MiB and its headers went past the cap and aborted it first).
        WebSocket socket = serverSide.socket();
        kit.inBackground("stuck sender", () -> {
            for (int i = 0; i < 48 && socket.sendBinary(ByteBuffer.allocate(64 * 1024)); i++) {
                // keep sending
            }
            return null;
        });
        serverSide.expect("error:KEEPALIVE_TIMEOUT", "close:1006:");
        // The dropped connection is gone from the server's books: a stop returns while the peer
        // has still read nothing.
        Kit.await(kit.inBackground("stop", () -> {
            server.stop(Duration.ofSeconds(5));
            return null;
        }));
        peer.socket().setReceiveBufferSize(64 * 1024);
        peer.readToEnd();
        assertThat(peer.endedByReset()).as("reset, not a close handshake").isTrue();
    }

    /**
     * Decided: {@code state()} never blocks on a lock another connection's callback holds: two
     * callbacks of two connections each reading the other's state at once both finish. (Callbacks
     * that share one event loop run one after the other: the rendezvous then gives up after 2 s,
     * and there is nothing to deadlock.)
     */
    @Test
    default void twoCallbacksReadingEachOthersStateNeverDeadlock(Kit kit) throws Exception {
        Map<String, WebSocket> byName = new ConcurrentHashMap<>();
        CyclicBarrier bothInCallbacks = new CyclicBarrier(2);
        CountDownLatch bothDone = new CountDownLatch(2);
        TransportUnderTest.Server server = kit.server(WebSocketConfig.defaults(), null, () -> new WebSocketHandler() {
            @Override
            public void onText(WebSocket socket, String name) {
                byName.put(name, socket);
                try {
                    bothInCallbacks.await(2, TimeUnit.SECONDS);
                } catch (Exception oneAfterTheOther) {
                    // Not concurrent: nothing to deadlock on.
                }
                WebSocket other = byName.get(name.equals("alice") ? "bob" : "alice");
                if (other == null || other.state() == ConnectionState.OPEN) {
                    bothDone.countDown();
                }
            }
        });
        URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
        Recorder alice = kit.connect(uri);
        Recorder bob = kit.connect(uri);
        alice.socket().sendText("alice");
        bob.socket().sendText("bob");
        assertThat(bothDone.await(Events.WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("both callbacks finished").isTrue();
    }

    private static Function<Recorder, WebSocketHandler> throwingOnOpen() {
        return recorder -> new ForwardingWebSocketHandler(recorder) {
            @Override
            public void onOpen(WebSocket socket) {
                super.onOpen(socket);
                throw new IllegalStateException("onOpen failed");
            }
        };
    }
}
