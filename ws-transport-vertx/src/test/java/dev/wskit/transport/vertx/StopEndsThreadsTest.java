package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.testkit.kit.JdkRecorder;
import dev.wskit.testkit.kit.Kit;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code close()} waits until every connection has ended (the kit checks the 1001), and the
 * server starts no thread of its own: the Vert.x instance's threads all end with it.
 */
@ExtendWith(Kit.Extension.class)
@Timeout(60)
class StopEndsThreadsTest {

    @Test
    void closeEndsEveryConnectionAndNothingTheServerStartedRemains(Kit kit) throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Vertx vertx = Vertx.vertx();
        VertxWebSocketServer server = VertxWebSocketServer.builder(vertx).handler(Kit::echo)
                .build().listen().await(20, TimeUnit.SECONDS);
        List<JdkRecorder> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(kit.jdk(URI.create("ws://127.0.0.1:" + server.port() + "/")));
        }
        assertThat(server.openConnections()).isEqualTo(3);

        server.shutdown().await(20, TimeUnit.SECONDS);
        for (JdkRecorder client : clients) {
            client.expect("close:1001:server stopping");
        }
        assertThat(server.openConnections()).isZero();

        vertx.close().await(20, TimeUnit.SECONDS);
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(thread) && thread.getName().startsWith("vert.x-")) {
                thread.join(TimeUnit.SECONDS.toMillis(20));
                assertThat(thread.isAlive()).as("thread %s", thread.getName()).isFalse();
            }
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> !before.contains(t) && t.getName().toLowerCase().contains("wskit"));
    }
}
