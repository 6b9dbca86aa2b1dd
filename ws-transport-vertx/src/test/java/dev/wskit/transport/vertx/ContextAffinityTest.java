package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.RawPeer;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every handler callback of a connection runs on that connection's context and event-loop thread. */
@ExtendWith({VertxExtension.class, Kit.Extension.class})
class ContextAffinityTest {
    private static final long T = 20;

    /** Records, per callback, whether it ran on the expected context and on its event-loop thread. */
    static class ContextCheckingHandler implements WebSocketHandler {
        final BlockingQueue<String> violations = new LinkedBlockingQueue<>();
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CountDownLatch closed = new CountDownLatch(1);
        final boolean echo;
        volatile Context expected;
        volatile Thread eventLoop;

        ContextCheckingHandler(boolean echo) {
            this.echo = echo;
        }

        private void check(String callback) {
            Context current = Vertx.currentContext();
            if (expected == null) {
                expected = current;
                eventLoop = Thread.currentThread();
            }
            if (current == null || current != expected || !current.isEventLoopContext()
                    || Thread.currentThread() != eventLoop || !Context.isOnEventLoopThread()) {
                violations.add(callback + " on " + current + " / " + Thread.currentThread().getName());
            }
        }

        @Override
        public void onOpen(WebSocket socket) {
            check("onOpen");
        }

        @Override
        public void onText(WebSocket socket, String text) {
            check("onText");
            texts.add(text);
            if (echo) {
                socket.sendText(text);
            }
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            check("onBinary");
            if (echo) {
                socket.sendBinary(data);
            }
        }

        @Override
        public void onPong(WebSocket socket, ByteBuffer payload) {
            check("onPong");
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            check("onClose");
            closed.countDown();
        }
    }

    @Test
    void serverCallbacksRunOnTheVerticleContextThatAcceptedTheConnection(Vertx vertx) throws Exception {
        List<WebSocketVerticle> verticles = new java.util.concurrent.CopyOnWriteArrayList<>();
        BlockingQueue<Context> verticleContexts = new LinkedBlockingQueue<>();
        BlockingQueue<ContextCheckingHandler> handlers = new LinkedBlockingQueue<>();
        vertx.deployVerticle(() -> {
            WebSocketVerticle verticle = new WebSocketVerticle(server -> {
                verticleContexts.add(Vertx.currentContext());
                // A negative port: one free port shared by every instance (port 0 is not shared).
                server.sharedFreePort(7).handler(() -> {
                    ContextCheckingHandler h = new ContextCheckingHandler(true);
                    // Accepted on the context of the instance that listened; callbacks must stay there.
                    h.expected = Vertx.currentContext();
                    h.eventLoop = Thread.currentThread();
                    handlers.add(h);
                    return h;
                });
            });
            verticles.add(verticle);
            return verticle;
        }, new DeploymentOptions().setInstances(2)).await(T, TimeUnit.SECONDS);
        assertThat(verticleContexts).hasSize(2).doesNotHaveDuplicates();
        int port = verticles.get(0).server().port();
        assertThat(verticles.get(1).server().port()).isEqualTo(port);

        VertxWebSocketClient client = VertxWebSocketClient.builder(vertx).build();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sockets.add(client.connect(URI.create("ws://127.0.0.1:" + port + "/"), new WebSocketHandler() { })
                    .await(T, TimeUnit.SECONDS));
        }
        for (WebSocket ws : sockets) {
            // From the test thread: each call hops to the connection's context.
            ws.sendText("from the test thread");
            ws.sendBinary(ByteBuffer.wrap(new byte[] {1}));
            ws.sendPong(ByteBuffer.allocate(0));
            ws.close();
        }
        List<Context> used = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ContextCheckingHandler h = handlers.poll(T, TimeUnit.SECONDS);
            assertThat(h.closed.await(T, TimeUnit.SECONDS)).isTrue();
            assertThat(h.texts).containsExactly("from the test thread");
            assertThat(h.violations).isEmpty();
            assertThat(verticleContexts).contains(h.expected);
            used.add(h.expected);
        }
        // Vert.x spread the connections over both instances sharing the port.
        assertThat(new java.util.HashSet<>(used)).hasSize(2);
        client.shutdown().await(T, TimeUnit.SECONDS);
    }

    @Test
    void clientCallbacksRunOnTheContextThatConnected(Vertx vertx) throws Exception {
        VertxWebSocketServer server = VertxWebSocketServer.builder(vertx).handler(Kit::echo)
                .build().listen().await(T, TimeUnit.SECONDS);
        VertxWebSocketClient client = VertxWebSocketClient.builder(vertx).build();
        Context connecting = vertx.getOrCreateContext();
        ContextCheckingHandler handler = new ContextCheckingHandler(false);
        handler.expected = connecting;
        BlockingQueue<WebSocket> connected = new LinkedBlockingQueue<>();
        connecting.runOnContext(v -> {
            handler.eventLoop = Thread.currentThread();
            client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), handler).onSuccess(connected::add);
        });
        WebSocket ws = connected.poll(T, TimeUnit.SECONDS);
        ws.sendText("echo me");
        assertThat(handler.texts.poll(T, TimeUnit.SECONDS)).isEqualTo("echo me");
        ws.close();
        assertThat(handler.closed.await(T, TimeUnit.SECONDS)).isTrue();
        assertThat(handler.violations).isEmpty();
        client.shutdown().await(T, TimeUnit.SECONDS);
        server.shutdown().await(T, TimeUnit.SECONDS);
    }

    /**
     * Inside {@code executeBlocking} the current context is the connection's own, but the thread a
     * worker: a send and a resume from there must still run the engine on the event loop. The
     * resume hands over the frame held since the pause, so its {@code onText} shows where the
     * engine ran.
     */
    @Test
    void callsFromInsideExecuteBlockingRunTheEngineOnTheEventLoop(Vertx vertx, Kit kit) throws Exception {
        ContextCheckingHandler handler = new ContextCheckingHandler(false) {
            @Override
            public void onText(WebSocket socket, String text) {
                super.onText(socket, text);
                if (text.equals("first")) {
                    socket.pause();
                    Context context = Vertx.currentContext();
                    // Once this read is done: the frame read with this one is held by then.
                    context.runOnContext(v -> context.executeBlocking(() -> {
                        socket.sendText("sent from executeBlocking");
                        socket.resume();
                        return null;
                    }));
                }
            }
        };
        VertxWebSocketServer server = VertxWebSocketServer.builder(vertx).handler(() -> handler)
                .build().listen().await(T, TimeUnit.SECONDS);
        RawPeer peer = kit.rawUpgraded(server.port());
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(RawPeer.masked(0x81, "first"));
        both.writeBytes(RawPeer.masked(0x81, "second"));
        // One write, so one read: the second frame arrives while the handler pauses in the first.
        peer.write(both.toByteArray());

        byte[] sent = RawPeer.unmasked(0x81, "sent from executeBlocking".getBytes(StandardCharsets.UTF_8));
        assertThat(peer.readExactly(sent.length)).isEqualTo(sent);
        assertThat(handler.texts.poll(T, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(handler.texts.poll(T, TimeUnit.SECONDS)).isEqualTo("second");
        peer.write(RawPeer.masked(0x88, new byte[] {0x03, (byte) 0xe8}));
        assertThat(handler.closed.await(T, TimeUnit.SECONDS)).isTrue();
        assertThat(handler.violations).isEmpty();
        server.shutdown().await(T, TimeUnit.SECONDS);
    }
}
