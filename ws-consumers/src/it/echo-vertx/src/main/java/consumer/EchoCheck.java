package consumer;

import consumer.echocheck.Echo;
import consumer.echocheck.JdkEchoCheck;
import dev.wskit.transport.vertx.VertxWebSocketServer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** An echo server on the Vert.x transport, and the JDK's client checking it. */
public final class EchoCheck {
    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            VertxWebSocketServer server = VertxWebSocketServer.builder(vertx).port(0).handler(Echo::new).build().start();
            try {
                JdkEchoCheck.checkEcho(server.port());
            } finally {
                server.stop(Duration.ofSeconds(5));
            }
        } finally {
            vertx.close().await(20, TimeUnit.SECONDS);
        }
    }
}
