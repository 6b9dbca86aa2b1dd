package dev.wskit.transport.vertx;

import dev.wskit.testkit.kit.TransportKit;
import dev.wskit.testkit.kit.TransportUnderTest;

/** The transport test kit (ws-testkit) on the Vert.x transport. */
class VertxTransportKitTest implements TransportKit {

    @Override
    public TransportUnderTest transport() {
        return new VertxTransport();
    }
}
