package dev.wskit.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.CloseCode;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.transport.core.ConnectOptions;
import dev.wskit.transport.core.ReconnectPolicy;
import dev.wskit.transport.core.ReconnectingWebSocket;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * The transport's reconnecting client against the transport's own server, stopped and started
 * again on the same port: every new connection opens, sends are refused while there is none, the
 * connect options go with every attempt, and it gives up after its attempts.
 */
public interface ReconnectCases extends TransportCases {

    @Test
    default void comesBackWhenTheServerRestartsOnItsPortAndRefusesSendsMeanwhile(Kit kit) throws Exception {
        TransportUnderTest.Server first = kit.transport().startServer(0, Kit::echo, WebSocketConfig.defaults());
        int port = first.port();
        Recorder recorder = kit.recorder("reconnecting client");
        ReconnectingWebSocket socket = kit.client(WebSocketConfig.defaults(), null).reconnecting(uri(port), recorder,
                ReconnectPolicy.exponential(Duration.ofMillis(20), Duration.ofMillis(200)).withMaxAttempts(100));
        recorder.expect("open");
        assertThat(socket.sendText("one")).isTrue();
        recorder.expectText("one");

        first.stop(Duration.ofSeconds(1));
        recorder.expect("close:1001:server stopping");
        assertThat(socket.sendText("lost")).as("no connection, nothing queued").isFalse();
        kit.closeAfter(startWhenFree(kit, port));
        recorder.expect("open");
        assertThat(socket.sendText("two")).isTrue();
        recorder.expectText("two");

        socket.close();
        recorder.expect("close:1000:");
        assertThat(socket.stopped()).isCompleted();
    }

    /**
     * The options of a reconnecting socket go with every connect: the header a server reads on
     * the first opening request is on the request after the server dropped the connection too.
     */
    @Test
    default void sendsItsConnectOptionsWithEveryConnect(Kit kit) throws Exception {
        BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
        TransportUnderTest.Server server = kit.closeAfter(kit.transport().startServer(0, () -> new WebSocketHandler() {
            @Override
            public void onOpen(WebSocket socket) {
                tokens.add(socket.request().headers().first("X-Token"));
            }

            @Override
            public void onText(WebSocket socket, String text) {
                socket.close(CloseCode.GOING_AWAY, "dropped");
            }
        }, WebSocketConfig.defaults()));
        Recorder recorder = kit.recorder("reconnecting client");
        ReconnectingWebSocket socket = kit.client(WebSocketConfig.defaults(), null).reconnecting(uri(server.port()),
                recorder, ReconnectPolicy.exponential(Duration.ofMillis(20), Duration.ofMillis(200)),
                ConnectOptions.none().withHeader("X-Token", "t0ken"));
        recorder.expect("open");
        assertThat(Kit.next(tokens)).as("first connect").isEqualTo("t0ken");

        assertThat(socket.sendText("drop me")).isTrue();
        recorder.expect("close:1001:dropped");
        recorder.expect("open");
        assertThat(Kit.next(tokens)).as("after the reconnect").isEqualTo("t0ken");

        socket.close();
        recorder.expect("close:1000:");
    }

    @Test
    default void givesUpAfterItsAttemptsAndSaysWhy(Kit kit) throws Exception {
        TransportUnderTest.Server gone = kit.transport().startServer(0, Kit::echo, WebSocketConfig.defaults());
        int port = gone.port();
        gone.stop(Duration.ofSeconds(1));
        Recorder recorder = kit.recorder("reconnecting client");

        ReconnectingWebSocket socket = kit.client(WebSocketConfig.defaults(), null).reconnecting(uri(port), recorder,
                ReconnectPolicy.exponential(Duration.ofMillis(10), Duration.ofMillis(40)).withMaxAttempts(3));

        assertThat(Kit.failureOf(socket.stopped().toCompletableFuture())).isInstanceOf(IOException.class);
        assertThat(socket.sendText("nobody")).isFalse();
        recorder.assertNoMoreEvents();
    }

    /**
     * A server on {@code port} as soon as the port can be bound again. The reconnecting client's
     * attempts in between leave connections in TIME_WAIT, and on a loaded machine Vert.x has been
     * seen to report the port in use for a moment after its stop returned: the restart is what
     * this case is about, not how soon it can happen.
     */
    private static TransportUnderTest.Server startWhenFree(Kit kit, int port) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return kit.transport().startServer(port, Kit::echo, WebSocketConfig.defaults());
            } catch (Exception inUse) {
                if (attempt == 50 || !String.valueOf(Kit.causes(inUse)).contains("Address already in use")) {
                    throw inUse;
                }
                Thread.sleep(100);
            }
        }
    }

    private static URI uri(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/");
    }
}
