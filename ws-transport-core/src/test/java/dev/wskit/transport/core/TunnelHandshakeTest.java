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
import org.junit.jupiter.api.Test;

class TunnelHandshakeTest {
    private final TunnelHandshake handshake = new TunnelHandshake(
            ProxyTunnel.to(HttpProxy.of("proxy.example", 3128), WebSocketUri.of(URI.create("wss://example.com/chat"))),
            ConnectDeadline.in(Duration.ofSeconds(3)));
    private final List<Throwable> settled = new ArrayList<>();

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aTwoHundredHeadInAnySplitOpensTheTunnelOnce() {
        assertThat(StandardCharsets.ISO_8859_1.decode(handshake.request()).toString())
                .startsWith("CONNECT example.com:443 HTTP/1.1\r\n");
        handshake.whenSettled(settled::add);
        handshake.received(ascii("HTTP/1.1 200 Connection established\r"));
        assertThat(settled).isEmpty();
        handshake.received(ascii("\n\r\n"));
        handshake.closed();
        assertThat(settled).as("open, and the close after it is not the handshake's").containsExactly((Throwable) null);
    }

    @Test
    void theFirstEventThatDecidesIsTheOnlyOneHeard() {
        handshake.received(ascii("HTTP/1.1 407 Proxy Authentication Required\r\n\r\n"));
        handshake.timedOut();
        handshake.whenSettled(settled::add);
        assertThat(settled).hasSize(1);
        assertThat(settled.get(0)).isInstanceOf(ProxyConnectException.class).hasMessageContaining("407");
    }

    @Test
    void aCloseATimeoutAndAnErrorEachFailTheConnect() {
        handshake.whenSettled(settled::add);
        handshake.timedOut();
        assertThat(settled.get(0)).isInstanceOf(ProxyConnectException.class).hasMessageContaining("within 3000 ms");

        TunnelHandshake closed = new TunnelHandshake(ProxyTunnel.to(HttpProxy.of("p", 1), WebSocketUri.of(URI.create("ws://h/"))),
                ConnectDeadline.in(Duration.ofSeconds(1)));
        closed.closed();
        closed.whenSettled(settled::add);
        assertThat(settled.get(1)).isInstanceOf(ProxyConnectException.class).hasMessageContaining("closed the connection");

        TunnelHandshake failed = new TunnelHandshake(ProxyTunnel.to(HttpProxy.of("p", 1), WebSocketUri.of(URI.create("ws://h/"))),
                ConnectDeadline.in(Duration.ofSeconds(1)));
        IllegalStateException reset = new IllegalStateException("reset");
        failed.failed(reset);
        failed.whenSettled(settled::add);
        assertThat(settled.get(2)).isSameAs(reset);
    }
}
