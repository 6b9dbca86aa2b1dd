package dev.wskit.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.testkit.kit.Kit;
import dev.wskit.testkit.kit.ManyConnectionsCases;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server deployed as four verticle instances sharing one port, under the kit's load of 500 clients. */
@ExtendWith({VertxExtension.class, Kit.Extension.class})
@Timeout(120)
class VerticlesSharingAPortTest {
    private static final int INSTANCES = 4;
    private static final int CLIENTS = 500;

    @Test
    void fiveHundredClientsGetEveryEchoFromFourInstancesSharingAPort(Vertx vertx, Kit kit) throws Exception {
        List<WebSocketVerticle> verticles = new CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> {
            // One free port shared by every instance (port 0 is not shared).
            WebSocketVerticle verticle = new WebSocketVerticle(server -> server.sharedFreePort(11).handler(Kit::echo));
            verticles.add(verticle);
            return verticle;
        }, new DeploymentOptions().setInstances(INSTANCES)).await(60, TimeUnit.SECONDS);
        int port = verticles.get(0).server().port();
        assertThat(verticles).hasSize(INSTANCES).allSatisfy(v -> assertThat(v.server().port()).isEqualTo(port));

        ManyConnectionsCases.echoFromManyClients(kit, kit.closeAfter(new VertxTransport().newClient(WebSocketConfig.defaults(),
                null)), URI.create("ws://127.0.0.1:" + port + "/"), CLIENTS, 4);
        assertThat(verticles.stream().mapToInt(v -> v.server().openConnections()).sum()).isEqualTo(CLIENTS);
    }
}
