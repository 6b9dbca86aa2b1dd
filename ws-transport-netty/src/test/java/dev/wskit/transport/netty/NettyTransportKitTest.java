package dev.wskit.transport.netty;

import dev.wskit.testkit.kit.TransportKit;
import dev.wskit.testkit.kit.TransportUnderTest;

/** The transport test kit (ws-testkit) on the Netty transport. */
class NettyTransportKitTest implements TransportKit {

    @Override
    public TransportUnderTest transport() {
        return new NettyTransport();
    }
}
