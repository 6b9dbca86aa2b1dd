package dev.wskit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No data lost (issue 9): under a steady load of verified echo traffic, a graceful server stop
 * delivers every message the server accepted before it sent {@code 1001}.
 *
 * <p>Precisely: twenty clients of the transport's own client each send numbered messages
 * ({@code "<client> #<n>"}, n = 0, 1, 2, …) continuously, up to {@link #IN_FLIGHT} unanswered at
 * a time, until they receive the server's close or a send is refused. The server echoes each
 * message its handler gets while the connection is {@code OPEN} ("accepted"); one that arrives
 * after its close frame went out is not echoed (RFC 6455 §5.5.1) and is counted apart. Once every
 * client has had {@link #ECHOES_BEFORE_STOP} echoes the server stops gracefully. Each client must
 * then see echoes 0..k, in order and without a gap, followed by the close with 1001 (RFC 6455
 * §7.4.1, going away); and k + 1 must be exactly the number of messages the server accepted on
 * that connection, so no accepted message was lost before, or left behind, the close frame.
 */
class GracefulStopUnderLoadTest {
    private static final int CLIENTS = 20;
    private static final int IN_FLIGHT = 32;
    private static final int ECHOES_BEFORE_STOP = 200;
    private static final Duration BOUND = Duration.ofSeconds(10);

    @AfterAll
    static void closeShared() {
        Transport.closeShared();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    @Timeout(40)
    void aGracefulStopDeliversEveryAcceptedMessageBeforeItsClose(Transport transport) throws Exception {
        ServerEvents events = new ServerEvents();
        Transport.Server server = transport.startServer(WebSocketConfig.defaults(), events::newHandler);
        CountDownLatch loaded = new CountDownLatch(CLIENTS);
        List<LoadClient> clients = new ArrayList<>();
        Transport.Client client = transport.client(WebSocketConfig.defaults());
        try {
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    clients.add(LoadClient.connect(client, server.port, i, loaded));
                }
                assertThat(loaded.await(BOUND.toMillis(), TimeUnit.MILLISECONDS))
                        .as("every client had %d echoes before the stop", ECHOES_BEFORE_STOP).isTrue();
            } finally {
                // The stop under test: 1001 on every connection while the clients still send.
                server.close();
            }
            for (LoadClient c : clients) {
                checkNothingLost(c, events);
            }
        } finally {
            client.close();
        }
    }

    private static void checkNothingLost(LoadClient c, ServerEvents events) throws Exception {
        Integer code = c.closed.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        String path = c.path();
        assertThat(c.firstGap).as("%s: the first echo out of order", path).isNull();
        assertThat(code).as("%s: the close code", path).isEqualTo(CloseCode.GOING_AWAY);
        assertThat(c.echoesBeforeClose).as("%s: echoes before the close; the server accepted %d, ignored %d after its close",
                path, events.echoed(path), events.ignoredAfterClose(path)).isEqualTo(events.echoed(path));
        assertThat(c.sender.get(BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("%s: messages sent", path)
                .isGreaterThanOrEqualTo(c.echoesBeforeClose);
    }

    /**
     * One loaded connection: a sender thread keeps {@link #IN_FLIGHT} numbered messages unanswered;
     * the handler checks each echo against the next number expected.
     */
    private static final class LoadClient implements WebSocketHandler {
        private final int id;
        private final CountDownLatch loaded;
        private final Semaphore window = new Semaphore(IN_FLIGHT);
        /** The close code the handler got; completed once, after the last echo. */
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        /** How many messages the sender sent before it stopped. */
        final CompletableFuture<Long> sender = new CompletableFuture<>();
        // Written by the handler, one thread at a time; read after closed completes.
        volatile long echoesBeforeClose;
        volatile String firstGap;

        private LoadClient(int id, CountDownLatch loaded) {
            this.id = id;
            this.loaded = loaded;
        }

        static LoadClient connect(Transport.Client client, int port, int id, CountDownLatch loaded) throws Exception {
            LoadClient load = new LoadClient(id, loaded);
            WebSocket socket = client.connect(URI.create("ws://127.0.0.1:" + port + load.path()), load)
                    .get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            Thread thread = new Thread(() -> load.sendUntilClosed(socket), "load-" + id);
            thread.setDaemon(true);
            thread.start();
            return load;
        }

        String path() {
            return "/load/" + id;
        }

        private void sendUntilClosed(WebSocket socket) {
            long n = 0;
            try {
                while (!closed.isDone()) {
                    if (window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                        socket.sendText(id + " #" + n);
                        n++;
                    }
                }
            } catch (IllegalStateException closing) {
                // The connection left OPEN (our close reply is out): no more sends, as it should be.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                sender.complete(n);
            }
        }

        @Override
        public void onText(WebSocket socket, String text) {
            long expected = echoesBeforeClose;
            String wanted = id + " #" + expected;
            if (!text.equals(wanted) && firstGap == null) {
                firstGap = "expected '" + wanted + "', got '" + text + "'";
            }
            echoesBeforeClose = expected + 1;
            if (expected + 1 == ECHOES_BEFORE_STOP) {
                loaded.countDown();
            }
            window.release();
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            closed.complete(code);
        }
    }
}
