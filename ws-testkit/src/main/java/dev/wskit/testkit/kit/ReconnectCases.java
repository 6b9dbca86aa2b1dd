package dev.wskit.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.transport.core.ReconnectPolicy;
import dev.wskit.transport.core.ReconnectingWebSocket;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The transport's reconnecting client against the transport's own server, stopped and started
 * again on the same port: every new connection opens, sends are refused while there is none, and
 * it gives up after its attempts.
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
