package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Test 6: stopping with open connections closes each with 1001 and ends every server thread. */
class GracefulStopTest {

    @Test
    void stopClosesEveryConnectionWith1001AndLeavesNoServerThread() throws Exception {
        NettyWebSocketServer server = NettyWebSocketServer.builder()
                .handler(() -> new EchoHandler(EchoHandler.newEventQueue())).build().start();
        assertThat(serverThreads()).isNotEmpty();
        try (NettyWebSocketClient client = NettyWebSocketClient.builder().build()) {
            List<Recorder> clients = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Recorder events = new Recorder();
                client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), events).orTimeout(10, TimeUnit.SECONDS).join();
                clients.add(events);
            }
            server.stop(Duration.ofSeconds(5));
            for (Recorder events : clients) {
                assertThat(events.next()).isEqualTo("close:1001:server stopping");
            }
        }
        assertThat(serverThreads()).isEmpty();
    }

    private static List<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("wskit-netty-server")).toList();
    }
}
