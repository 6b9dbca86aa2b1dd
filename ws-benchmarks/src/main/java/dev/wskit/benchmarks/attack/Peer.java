package dev.wskit.benchmarks.attack;

import dev.wskit.benchmarks.load.Handshake;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One attacking connection: a socket the attack writes what it likes to, blocking or (for
 * floods) as much as the server takes, and whose {@link Fate} it reads at the end.
 */
final class Peer implements AutoCloseable {
    private static final int HEAD_TIMEOUT_MILLIS = 5000;

    final SocketChannel channel;
    private final FateReader fate = new FateReader();
    private String head = "";

    private Peer(SocketChannel channel) {
        this.channel = channel;
    }

    static Peer connect(Target target) throws IOException {
        SocketChannel channel = SocketChannel.open(target.address());
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return new Peer(channel);
    }

    /** A connection opened elsewhere (by the load tool's connector), already upgraded. */
    static Peer upgraded(SocketChannel channel) {
        Peer peer = new Peer(channel);
        peer.fate.upgraded();
        return peer;
    }

    /** Connects and completes the opening handshake; fails unless the answer is a valid 101. */
    static Peer open(Target target, Handshake handshake) throws IOException {
        Peer peer = connect(target);
        try {
            String head = peer.upgrade(handshake);
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake refused: " + head.lines().findFirst().orElse(""));
            }
            return peer;
        } catch (IOException | RuntimeException e) {
            peer.close();
            throw e;
        }
    }

    /** Sends the request and returns the server's answer head (any status). */
    String upgrade(Handshake handshake) throws IOException {
        write(handshake.request());
        head = readHead();
        if (head.startsWith("HTTP/1.1 101")) {
            fate.upgraded();
        }
        return head;
    }

    /** Whether the server's answer agreed on {@code extension} (RFC 6455 §9.1). */
    boolean agreed(String extension) {
        return head.lines().anyMatch(line -> line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-extensions:")
                && line.toLowerCase(Locale.ROOT).contains(extension));
    }

    /** Reads an HTTP response head, within a bounded wait. */
    String readHead() throws IOException {
        channel.socket().setSoTimeout(HEAD_TIMEOUT_MILLIS);
        InputStream in = channel.socket().getInputStream();
        ByteBuffer response = ByteBuffer.allocate(Handshake.MAX_RESPONSE_BYTES);
        // One byte at a time: nothing past the head is consumed, so frames after it stay unread.
        while (Handshake.headEnd(response) < 0) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new IOException("no answer to the opening handshake within " + HEAD_TIMEOUT_MILLIS + " ms", e);
            }
            if (b < 0) {
                throw new IOException("connection closed before the end of the response head");
            }
            if (!response.hasRemaining()) {
                throw new IOException("response head longer than " + response.capacity() + " bytes");
            }
            response.put((byte) b);
        }
        return new String(response.array(), 0, response.position(), StandardCharsets.US_ASCII);
    }

    /** Writes all of {@code bytes}, blocking while the server does not read. */
    void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    void write(byte[] bytes) throws IOException {
        write(ByteBuffer.wrap(bytes));
    }

    /** Switches to writes that take what the socket takes and never block. */
    void nonBlocking() throws IOException {
        channel.configureBlocking(false);
    }

    /** What the server has done with this connection so far; reads (and discards) what it sent. */
    Fate fate() {
        return fate.read(channel);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Ending the attack; a reset socket has nothing left to close.
        }
    }
}
