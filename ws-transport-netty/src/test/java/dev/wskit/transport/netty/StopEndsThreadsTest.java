package dev.wskit.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.RawPeer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A server that made its own event loops ends every thread of them in {@code stop} (the kit checks the 1001). */
@ExtendWith(Kit.Extension.class)
@Timeout(30)
class StopEndsThreadsTest {

    @Test
    void stopLeavesNoServerThread(Kit kit) throws Exception {
        NettyWebSocketServer server = NettyWebSocketServer.builder().handler(Kit::echo).build().start();
        kit.closeAfter(() -> server.stop(Duration.ofSeconds(1)));
        RawPeer peer = kit.rawUpgraded(server.port());
        assertThat(serverThreads()).isNotEmpty();
        // The peer answers the close, so stop need not wait out its grace.
        CompletableFuture<byte[]> answered = kit.inBackground("peer", () -> {
            byte[] close = peer.readFrame(0x88);
            peer.write(RawPeer.masked(0x88, close));
            return close;
        });
        server.stop(Duration.ofSeconds(5));
        assertThat(RawPeer.hex(Kit.await(answered))).isEqualTo(RawPeer.hex(RawPeer.closePayload(1001, "server stopping")));
        assertThat(serverThreads()).isEmpty();
    }

    private static List<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("wskit-netty-server")).toList();
    }
}
