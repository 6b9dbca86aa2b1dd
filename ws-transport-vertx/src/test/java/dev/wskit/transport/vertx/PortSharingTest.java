package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.testkit.kit.Kit;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How Vert.x shares a port between verticle instances: what the verticle's documentation claims. */
@ExtendWith(VertxExtension.class)
class PortSharingTest {
    private static final long T = 20;

    private static List<Integer> portsOf(Vertx vertx, Consumer<VertxWebSocketServer.Builder> port) throws Exception {
        List<WebSocketVerticle> verticles = new CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> {
            WebSocketVerticle verticle = new WebSocketVerticle(server -> port.accept(server.handler(Kit::echo)));
            verticles.add(verticle);
            return verticle;
        }, new DeploymentOptions().setInstances(3)).await(T, TimeUnit.SECONDS);
        return verticles.stream().map(v -> v.server().port()).toList();
    }

    @Test
    void portZeroGivesEveryInstanceAPortOfItsOwn(Vertx vertx) throws Exception {
        assertThat(portsOf(vertx, server -> server.port(0))).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void aSharedFreePortIsOnePortSharedByAllInstances(Vertx vertx) throws Exception {
        List<Integer> ports = portsOf(vertx, server -> server.sharedFreePort(3));
        assertThat(ports).hasSize(3).containsOnly(ports.get(0));
        assertThat(ports.get(0)).isPositive();
    }

    @Test
    void aFixedPortIsSharedByAllInstances(Vertx vertx) throws Exception {
        int free;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        assertThat(portsOf(vertx, server -> server.port(free))).containsExactly(free, free, free);
    }
}
