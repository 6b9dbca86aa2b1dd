package dev.wskit.transport.netty.http2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.testkit.kit.ClientHandshakeCases;
import dev.wskit.testkit.kit.ClientListenerCases;
import dev.wskit.testkit.kit.GracefulStopCases;
import dev.wskit.testkit.kit.KeptMessageCases;
import dev.wskit.testkit.kit.LifecycleContractCases;
import dev.wskit.testkit.kit.ManyConnectionsCases;
import dev.wskit.testkit.kit.MemoryBudgetCases;
import dev.wskit.testkit.kit.PayloadSizeCases;
import dev.wskit.testkit.kit.ReconnectCases;
import dev.wskit.testkit.kit.TlsCases;
import dev.wskit.testkit.kit.TransportUnderTest;
import dev.wskit.testkit.kit.UpgradeDecisionCases;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;

/**
 * The transport test kit over HTTP/2 streams (RFC 8441): every case group whose WebSockets go
 * from the transport's own client to its own server, here {@link NettyHttp2WebSocketClient} and
 * {@link NettyHttp2WebSocketServer} ({@link Http2Transport}): h2c with prior knowledge, and h2 by
 * ALPN where a case uses TLS. Every socket the client opens is checked to be an extended CONNECT
 * stream answered 200, so a client that fell back to HTTP/1.1 fails the case that opened it.
 *
 * <p>The groups these take in also hold a few cases with a peer we did not write (the JDK's or
 * Netty's client, raw bytes): those speak HTTP/1.1 to the same port, which the server serves as
 * {@code NettyWebSocketServer} does. Left out, as HTTP/1.1 by what they are:
 * {@code JdkClientCases} (the JDK's client speaks no RFC 8441), {@code NettyClientCases} (Netty's
 * websocketx client), {@code ClientCases} (against Netty's HTTP/1.1 websocketx server),
 * {@code BadPeerCases}, {@code SlowReaderCases}, {@code FlowControlCases},
 * {@code KeepaliveCases}, {@code ConnectionLimitCases} and {@code WireTraceCases} (raw HTTP/1.1
 * bytes or the JDK's client as the peer, their answers HTTP/1.1 bytes; the HTTP/2 layer's bad
 * peers are {@code Http2PeerCases}), {@code BroadcastCases}, {@code ListenerCases},
 * {@code JfrCases} and {@code MutualTlsCases} (the JDK's client), {@code PlainHttpCases} (plain
 * HTTP/1.1 requests) and {@code ProxyCases} (an HTTP proxy, which
 * {@link NettyHttp2WebSocketClient.Builder#build()} refuses).
 */
class Http2TransportKitTest implements PayloadSizeCases, ClientHandshakeCases, LifecycleContractCases,
        ManyConnectionsCases, ReconnectCases, TlsCases, MemoryBudgetCases, ClientListenerCases, UpgradeDecisionCases,
        GracefulStopCases, KeptMessageCases {
    private static final AtomicInteger TESTS = new AtomicInteger();
    private static final AtomicInteger TESTS_OVER_HTTP2 = new AtomicInteger();
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final Http2Transport transport = new Http2Transport();

    @Override
    public TransportUnderTest transport() {
        return transport;
    }

    @AfterEach
    void count(TestInfo test) {
        int streams = transport.serverOpened("netty-http2");
        TESTS.incrementAndGet();
        STREAMS.addAndGet(streams);
        if (streams > 0) {
            TESTS_OVER_HTTP2.incrementAndGet();
        }
        System.out.printf("%s: %d WebSocket streams over HTTP/2 (%d opened by our client), %d over HTTP/1.1%n",
                test.getDisplayName(), streams, transport.http2Streams(), transport.serverOpened("netty"));
    }

    /** Most cases opened WebSockets on HTTP/2 streams; none did is what a silent fallback looks like. */
    @AfterAll
    static void mostCasesRanOverHttp2Streams() {
        System.out.printf("%d of %d kit tests opened WebSockets on HTTP/2 streams, %d streams in all%n",
                TESTS_OVER_HTTP2.get(), TESTS.get(), STREAMS.get());
        assertThat(TESTS_OVER_HTTP2.get()).isGreaterThan(TESTS.get() / 2);
    }
}
