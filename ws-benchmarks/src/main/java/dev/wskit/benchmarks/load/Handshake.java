package dev.wskit.benchmarks.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The client's opening handshake (RFC 6455 §4.1), the same request on every connection: the
 * key is the RFC's own sample nonce, whose accept value (§1.3) is then known without hashing.
 * Servers do not remember keys, so reusing one only makes the check cheap.
 *
 * <p>Not thread-safe: one {@link Connector} checks its responses.
 */
public final class Handshake {
    static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    /** Enough for any of the servers' 101 responses (Vert.x's is the longest, ~170 bytes). */
    public static final int MAX_RESPONSE_BYTES = 2048;

    private static final String DEFLATE_OFFER = "Sec-WebSocket-Extensions: permessage-deflate\r\n";

    private final ByteBuffer request;
    private final boolean offersDeflate;
    private String agreedExtensions = "";

    Handshake(String host, int port) {
        this(host, port, "");
    }

    /** The request offering permessage-deflate (RFC 7692 §5), whose answer must accept it. */
    static Handshake offeringDeflate(String host, int port) {
        return new Handshake(host, port, DEFLATE_OFFER);
    }

    /** The same request with {@code extraHeaders} (whole lines, each ending in CRLF) before the blank line. */
    public Handshake(String host, int port, String extraHeaders) {
        String text = "GET / HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + extraHeaders
                + "\r\n";
        this.request = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
        this.offersDeflate = extraHeaders.contains(DEFLATE_OFFER);
    }

    /** A fresh view of the request bytes, for one connection to write. */
    public ByteBuffer request() {
        return request.duplicate();
    }

    /**
     * Checks the response read so far (from 0 to the buffer's position): false while the head is
     * incomplete, true once it is a valid 101 with the expected accept value (and, when this
     * request offered it, permessage-deflate accepted).
     *
     * @throws EchoMismatch for any other response, or bytes after the head (these servers send
     *     nothing before the client's first message)
     */
    public boolean responseComplete(ByteBuffer response) {
        int end = headEnd(response);
        if (end < 0) {
            if (!response.hasRemaining()) {
                throw new EchoMismatch("handshake response longer than " + response.capacity() + " bytes");
            }
            return false;
        }
        if (end != response.position()) {
            throw new EchoMismatch("bytes after the handshake response");
        }
        String head = new String(response.array(), 0, end, StandardCharsets.US_ASCII);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new EchoMismatch("handshake refused: " + head.lines().findFirst().orElse(""));
        }
        // RFC 6455 §4.1: the client checks Sec-WebSocket-Accept (header names ignore case).
        boolean accepted = head.lines().anyMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-accept:")
                && line.substring(line.indexOf(':') + 1).trim().equals(ACCEPT));
        if (!accepted) {
            throw new EchoMismatch("handshake without the expected Sec-WebSocket-Accept");
        }
        String extensions = head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-extensions:"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("");
        if (offersDeflate && !extensions.toLowerCase(Locale.ROOT).contains("permessage-deflate")) {
            throw new EchoMismatch("permessage-deflate offered, not accepted");
        }
        agreedExtensions = extensions;
        return true;
    }

    /**
     * The {@code Sec-WebSocket-Extensions} value of the last response accepted ({@code ""}: none):
     * what the connections of one run agreed, as a server answers every one of them alike.
     */
    String agreedExtensions() {
        return agreedExtensions;
    }

    /** The index just past the blank line ending the head, or -1. */
    public static int headEnd(ByteBuffer response) {
        byte[] bytes = response.array();
        for (int i = 3; i < response.position(); i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }
}
