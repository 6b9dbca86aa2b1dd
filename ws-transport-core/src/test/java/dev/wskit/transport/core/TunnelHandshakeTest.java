package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.handshake.WebSocketUri;
import dev.wskit.protocol.proxy.HttpProxy;
import dev.wskit.protocol.proxy.ProxyConnectException;
import dev.wskit.protocol.proxy.ProxyTunnel;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class TunnelHandshakeTest {
    private final TunnelHandshake handshake = new TunnelHandshake(
            ProxyTunnel.to(HttpProxy.of("proxy.example", 3128), WebSocketUri.of(URI.create("wss://example.com/chat"))),
            ConnectDeadline.in(Duration.ofSeconds(3)));
    private final List<Throwable> settled = new ArrayList<>();
    private final List<String> written = new ArrayList<>();
    private final List<Runnable> timers = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private int cancelled;

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Starts {@code exchange} on a socket that records what it writes and the timer it arms. */
    private TunnelHandshake start(TunnelHandshake exchange) {
        exchange.start(request -> written.add(StandardCharsets.ISO_8859_1.decode(request).toString()),
                (delayNanos, task) -> {
                    delays.add(delayNanos);
                    timers.add(task);
                    return () -> cancelled++;
                }).whenComplete((open, failure) -> settled.add(failure));
        return exchange;
    }

    private static TunnelHandshake toPlainServer() {
        return new TunnelHandshake(ProxyTunnel.to(HttpProxy.of("p", 1), WebSocketUri.of(URI.create("ws://h/"))),
                ConnectDeadline.in(Duration.ofSeconds(1)));
    }

    @Test
    void aTwoHundredHeadInAnySplitOpensTheTunnelOnce() {
        start(handshake);
        assertThat(written).singleElement().asString().startsWith("CONNECT example.com:443 HTTP/1.1\r\n");
        assertThat(delays).singleElement().satisfies(nanos ->
                assertThat(nanos).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(3).toNanos()));
        handshake.received(ascii("HTTP/1.1 200 Connection established\r"));
        assertThat(settled).isEmpty();
        handshake.received(ascii("\n\r\n"));
        handshake.closed();
        assertThat(settled).as("open, and the close after it is not the handshake's").containsExactly((Throwable) null);
        assertThat(cancelled).as("the timer is disarmed once open").isEqualTo(1);
    }

    @Test
    void theFirstEventThatDecidesIsTheOnlyOneHeard() {
        start(handshake);
        handshake.received(ascii("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n"));
        timers.get(0).run();
        assertThat(settled).hasSize(1);
        assertThat(settled.get(0)).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ProxyConnectException.class).hasMessageContaining("407");
    }

    @Test
    void aCloseATimeoutAndAnErrorEachFailTheConnect() {
        start(handshake);
        timers.get(0).run();
        assertThat(settled.get(0)).cause().isInstanceOf(ProxyConnectException.class).hasMessageContaining("within 3000 ms");

        start(toPlainServer()).closed();
        assertThat(settled.get(1)).cause().isInstanceOf(ProxyConnectException.class).hasMessageContaining("closed the connection");

        IllegalStateException reset = new IllegalStateException("reset");
        start(toPlainServer()).failed(reset);
        assertThat(settled.get(2)).cause().isSameAs(reset);
        assertThat(cancelled).as("every timer disarmed once failed").isEqualTo(3);
    }
}
