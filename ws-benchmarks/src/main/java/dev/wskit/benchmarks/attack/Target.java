package dev.wskit.benchmarks.attack;

import dev.wskit.benchmarks.load.Handshake;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The server under attack, from its {@code ws://host:port/} URL. */
record Target(String host, int port) {

    static Target of(String url) {
        URI uri = URI.create(url);
        if (!"ws".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected a ws://host:port/ URL: " + url);
        }
        return new Target(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    }

    InetSocketAddress address() {
        return new InetSocketAddress(host, port);
    }

    /** The plain opening handshake. */
    Handshake handshake() {
        return handshake("");
    }

    /** The opening handshake with {@code extraHeaders} (CRLF-ended lines) added. */
    Handshake handshake(String extraHeaders) {
        return new Handshake(host, port, extraHeaders);
    }

    /** The plain opening request's text, for attacks that change it. */
    String requestText() {
        ByteBuffer request = handshake().request();
        byte[] bytes = new byte[request.remaining()];
        request.get(bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** The opening handshake offering permessage-deflate (RFC 7692 §5) with no parameters. */
    Handshake deflateHandshake() {
        return handshake("Sec-WebSocket-Extensions: permessage-deflate\r\n");
    }
}
