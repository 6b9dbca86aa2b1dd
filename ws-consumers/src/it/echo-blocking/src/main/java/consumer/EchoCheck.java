package consumer;

import consumer.echocheck.Echo;
import consumer.echocheck.JdkEchoCheck;
import dev.wskit.metrics.micrometer.MicrometerConnectionListener;
import dev.wskit.metrics.micrometer.WskitMeters;
import dev.wskit.transport.blocking.BlockingWebSocketServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/** An echo server on the blocking transport, its connections metered, and the JDK's client checking it. */
public final class EchoCheck {
    public static void main(String[] args) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BlockingWebSocketServer server = BlockingWebSocketServer.builder().port(0).handler(Echo::new)
                .listener(MicrometerConnectionListener.of(registry)).build().start();
        try {
            JdkEchoCheck.checkEcho(server.port());
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
        double handshakes = registry.get(WskitMeters.HANDSHAKES).counters().stream().mapToDouble(Counter::count).sum();
        if (handshakes != 1) {
            throw new AssertionError("handshakes counted: " + handshakes);
        }
        System.out.println("handshakes counted: " + handshakes);
    }
}
