package dev.wskit.transport.netty.http2;

import dev.wskit.testkit.kit.Http2PeerCases;
import dev.wskit.testkit.kit.TransportUnderTest;

/** The kit's HTTP/2 peer cases (Netty's HTTP/2 client codec as the peer) on {@link NettyHttp2WebSocketServer}. */
class Http2PeerKitTest implements Http2PeerCases {

    @Override
    public TransportUnderTest transport() {
        return new Http2Transport();
    }
}
