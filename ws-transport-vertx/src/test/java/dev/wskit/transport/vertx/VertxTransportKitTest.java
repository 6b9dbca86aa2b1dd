package dev.wskit.transport.vertx;

import dev.wskit.testkit.kit.BadPeerCases;
import dev.wskit.testkit.kit.ClientCases;
import dev.wskit.testkit.kit.GracefulStopCases;
import dev.wskit.testkit.kit.JdkClientCases;
import dev.wskit.testkit.kit.KeepaliveCases;
import dev.wskit.testkit.kit.ManyConnectionsCases;
import dev.wskit.testkit.kit.NettyClientCases;
import dev.wskit.testkit.kit.PayloadSizeCases;
import dev.wskit.testkit.kit.SlowReaderCases;
import dev.wskit.testkit.kit.TlsCases;
import dev.wskit.testkit.kit.TransportUnderTest;

/** The transport test kit (ws-testkit) on the Vert.x transport. */
class VertxTransportKitTest implements JdkClientCases, NettyClientCases, PayloadSizeCases, ClientCases, BadPeerCases,
        SlowReaderCases, TlsCases, GracefulStopCases, KeepaliveCases, ManyConnectionsCases {

    @Override
    public TransportUnderTest transport() {
        return new VertxTransport();
    }
}
