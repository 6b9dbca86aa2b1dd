package dev.wskit.transport.blocking;

import dev.wskit.testkit.kit.TransportKit;
import dev.wskit.testkit.kit.TransportUnderTest;

/** The transport test kit (ws-testkit) on the blocking transport. */
class BlockingTransportKitTest implements TransportKit {

    @Override
    public TransportUnderTest transport() {
        return new BlockingTransport();
    }
}
