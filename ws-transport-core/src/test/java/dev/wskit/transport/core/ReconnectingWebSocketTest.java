package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The reconnect loop over a scripted connector and a timer the test runs by hand. */
class ReconnectingWebSocketTest {
    private final List<CompletableFuture<WebSocket>> connects = new ArrayList<>();
    private final List<WebSocketHandler> handlers = new ArrayList<>();
    private final Queue<Runnable> timers = new ArrayDeque<>();
    private final List<Duration> delays = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final WebSocketHandler application = new WebSocketHandler() {
        @Override
        public void onOpen(WebSocket socket) {
            if (events.remove("throw on open")) {
                throw new IllegalStateException("onOpen failed");
            }
            events.add("open");
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            events.add("close:" + code);
        }
    };

    private ReconnectingWebSocket start(ReconnectPolicy policy) {
        return ReconnectingWebSocket.start(application, policy.withRandom(() -> 0), handler -> {
            CompletableFuture<WebSocket> connect = new CompletableFuture<>();
            connects.add(connect);
            handlers.add(handler);
            return connect;
        }, (delay, task) -> {
            delays.add(delay);
            timers.add(task);
        });
    }

    private static ReconnectPolicy policy() {
        return ReconnectPolicy.exponential(Duration.ofMillis(10), Duration.ofMillis(30));
    }

    /** The n-th connect opens: a socket that records sends and accepts them. */
    private WebSocket open(int n, List<String> sent) {
        WebSocket socket = (WebSocket) Proxy.newProxyInstance(WebSocket.class.getClassLoader(), new Class<?>[] {WebSocket.class},
                (proxy, method, args) -> {
                    sent.add(method.getName());
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
        handlers.get(n).onOpen(socket);
        connects.get(n).complete(socket);
        return socket;
    }

    private void failConnect(int n) {
        connects.get(n).completeExceptionally(new IOException("refused " + n));
    }

    @Test
    void connectsAgainAfterADropAndRefusesSendsMeanwhile() {
        ReconnectingWebSocket socket = start(policy());
        assertThat(socket.state()).isEqualTo(ConnectionState.CONNECTING);
        assertThat(socket.sendText("early")).isFalse();
        List<String> first = new ArrayList<>();
        WebSocket connection = open(0, first);
        assertThat(socket.sendText("hello")).isTrue();
        assertThat(first).containsExactly("sendText");

        handlers.get(0).onClose(connection, 1006, "");
        assertThat(socket.sendText("lost")).isFalse();
        assertThat(first).hasSize(1);
        assertThat(delays).containsExactly(Duration.ofMillis(10));
        timers.remove().run();
        List<String> second = new ArrayList<>();
        open(1, second);

        assertThat(events).containsExactly("open", "close:1006", "open");
        assertThat(socket.sendText("again")).isTrue();
        assertThat(second).containsExactly("sendText");
    }

    @Test
    void backsOffAndGivesUpAfterTheAttemptsInARow() {
        ReconnectingWebSocket socket = start(policy().withMaxAttempts(3));
        failConnect(0);
        timers.remove().run();
        failConnect(1);
        timers.remove().run();
        assertThat(socket.stopped()).isNotDone();
        failConnect(2);

        assertThat(delays).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
        assertThat(timers).isEmpty();
        assertThatThrownBy(() -> socket.stopped().toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).hasRootCauseMessage("refused 2");
        assertThat(socket.state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void anOpenConnectionStartsTheCountAgain() {
        ReconnectingWebSocket socket = start(policy().withMaxAttempts(2));
        failConnect(0);
        timers.remove().run();
        WebSocket connection = open(1, new ArrayList<>());
        handlers.get(1).onClose(connection, 1001, "");
        timers.remove().run();
        failConnect(2);

        assertThat(socket.stopped()).isNotDone();
        assertThat(delays).containsExactly(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10));
    }

    @Test
    void aConnectionWhoseOnOpenThrewIsRetriedOnceAtItsClose() {
        start(policy());
        events.add("throw on open");
        WebSocket connection = (WebSocket) Proxy.newProxyInstance(WebSocket.class.getClassLoader(),
                new Class<?>[] {WebSocket.class}, (proxy, method, args) -> null);
        assertThatThrownBy(() -> handlers.get(0).onOpen(connection)).hasMessage("onOpen failed");
        // As the transports do: the connect fails with it, and the connection closes with 1011.
        failConnect(0);
        handlers.get(0).onClose(connection, 1011, "");

        assertThat(timers).hasSize(1);
    }

    @Test
    void closeStopsReconnectingAndClosesTheConnection() {
        ReconnectingWebSocket socket = start(policy());
        List<String> sent = new ArrayList<>();
        WebSocket connection = open(0, sent);
        socket.close();
        handlers.get(0).onClose(connection, 1000, "");

        assertThat(sent).containsExactly("close");
        assertThat(timers).isEmpty();
        assertThat(connects).hasSize(1);
        assertThat(socket.stopped()).isCompleted();
        assertThat(socket.sendText("late")).isFalse();
    }

    @Test
    void aConnectionThatOpensAfterCloseIsClosedUnseen() {
        ReconnectingWebSocket socket = start(policy());
        socket.close();
        List<String> sent = new ArrayList<>();
        WebSocket connection = open(0, sent);
        handlers.get(0).onClose(connection, 1000, "");

        assertThat(sent).containsExactly("close");
        assertThat(events).isEmpty();
    }

    @Test
    void stopsWhenTheClientCannotConnectAnyMore() {
        ReconnectingWebSocket socket = ReconnectingWebSocket.start(application, policy(), handler -> {
            if (!connects.isEmpty()) {
                throw new IllegalStateException("client closed");
            }
            CompletableFuture<WebSocket> connect = new CompletableFuture<>();
            connects.add(connect);
            return connect;
        }, (delay, task) -> timers.add(task));
        failConnect(0);
        timers.remove().run();

        assertThatThrownBy(() -> socket.stopped().toCompletableFuture().join()).hasRootCauseMessage("client closed");
    }
}
