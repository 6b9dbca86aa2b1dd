package dev.wskit.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.benchmarks.servers.EchoServer;
import dev.wskit.benchmarks.servers.ServerKind;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.transport.netty.NettyWebSocketServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A smoke run of the broadcast mode against every stack's broadcast server, in this JVM: 20
 * subscribers, a few tenths of a second per size. Every subscriber gets every message, in order,
 * checked byte for byte (the fill) and by sequence number; and a server that loses or doubles one
 * message for one subscriber fails the run, so the check can fail.
 */
class BroadcastSmokeTest {
    private static final int SUBSCRIBERS = 20;

    /** Every stack's broadcast, and the raw TCP fan-out passing the publisher's masked frames on. */
    @ParameterizedTest
    @EnumSource(ServerKind.class)
    void everySubscriberGetsEveryMessageInOrder(ServerKind kind) throws Exception {
        try (EchoServer server = kind.startBroadcast("127.0.0.1", 0, 1)) {
            for (int size : new int[] {64, 4096}) {
                List<String> more = new ArrayList<>(List.of("--server-pid", Long.toString(ProcessHandle.current().pid())));
                if (!kind.webSocket()) {
                    more.add("--raw");
                }
                LoadResult result = run(server.port(), size, kind.id(), more.toArray(String[]::new));
                assertThat(result.failed()).as(result.line()).isFalse();
                assertThat(result.getLong("lost")).as(result.line()).isZero();
                assertThat(result.getLong("out_of_order")).as(result.line()).isZero();
                assertThat(result.getLong("deliveries")).as(result.line()).isPositive();
                assertThat(result.getDouble("deliveries_per_s")).as(result.line()).isPositive();
                assertThat(result.getDouble("p99_us")).as(result.line()).isPositive();
                assertThat(result.getDouble("server_cpu_us_per_delivery")).as(result.line()).isPositive();
                // Every message published, warm-up and drain included, reached every subscriber.
                assertThat(result.getLong("verified")).as(result.line())
                        .isEqualTo(result.getLong("published_total") * SUBSCRIBERS);
            }
        }
    }

    /** What the faulty server does to message 3 for its first subscriber. */
    enum Fault { LOSE, DOUBLE }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aRunWhereASubscriberMissesOrGetsTwiceAMessageFails(Fault fault) throws Exception {
        FaultyBroadcast faulty = new FaultyBroadcast(fault);
        NettyWebSocketServer server = NettyWebSocketServer.builder().host("127.0.0.1").port(0)
                .handler(() -> faulty).build().start();
        try {
            LoadResult result = run(server.port(), 64, "faulty");
            assertThat(result.failed()).as(result.line()).isTrue();
            assertThat(result.getLong("out_of_order")).as(result.line()).isEqualTo(1);
            assertThat(result.getLong("lost")).as(result.line()).isEqualTo(fault == Fault.LOSE ? 1 : 0);
            assertThat(result.get("error")).contains("out_of_order");
        } finally {
            server.stop(Duration.ofMillis(200));
        }
    }

    private static LoadResult run(int port, int size, String server, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--mode", "broadcast", "--port", Integer.toString(port),
                "--connections", Integer.toString(SUBSCRIBERS), "--size", Integer.toString(size), "--in-flight", "8",
                "--threads", "2", "--duration", "0.3", "--warmup", "0.1", "--label", "server=" + server));
        args.addAll(List.of(more));
        return LoadTool.run(args.toArray(String[]::new));
    }

    /** A broadcast, one per server, that mishandles message 3 (sequence letters "aaaaaaad") for the first subscriber. */
    private static final class FaultyBroadcast implements WebSocketHandler {
        private final Set<WebSocket> members = ConcurrentHashMap.newKeySet();
        private final AtomicReference<WebSocket> victim = new AtomicReference<>();
        private final Fault fault;

        FaultyBroadcast(Fault fault) {
            this.fault = fault;
        }

        @Override
        public void onOpen(WebSocket socket) {
            victim.compareAndSet(null, socket);
            members.add(socket);
        }

        @Override
        public void onText(WebSocket from, String text) {
            boolean third = text.startsWith("aaaaaaad");
            for (WebSocket member : members) {
                if (member == from) {
                    continue;
                }
                if (third && member == victim.get()) {
                    if (fault == Fault.DOUBLE) {
                        member.sendText(text);
                        member.sendText(text);
                    }
                    continue;
                }
                member.sendText(text);
            }
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            members.remove(socket);
            victim.compareAndSet(socket, null);
        }
    }
}
