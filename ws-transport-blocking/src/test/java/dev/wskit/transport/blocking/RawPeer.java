package dev.wskit.transport.blocking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A hand-driven client on a plain socket, for peers that break the rules: it writes exactly the
 * bytes a test gives and reads with a timeout, so a test fails rather than hangs.
 */
final class RawPeer implements AutoCloseable {
    static final String UPGRADE = "GET /chat HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n";
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawPeer connect(int port) throws IOException {
        return new RawPeer(new Socket("127.0.0.1", port));
    }

    /** Connects with a small receive buffer, so a peer that never reads fills it quickly. */
    static RawPeer connectWithSmallReceiveBuffer(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        return new RawPeer(socket);
    }

    /** Sends the RFC 6455 §1.3 sample upgrade and checks the 101 answer. */
    static RawPeer upgraded(int port) throws IOException {
        RawPeer peer = connect(port);
        peer.upgrade();
        return peer;
    }

    void upgrade() throws IOException {
        write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101 ")) {
            throw new AssertionError("not upgraded: " + head);
        }
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The response head, up to and including the empty line. */
    String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("EOF inside the response head: " + head.toString(StandardCharsets.US_ASCII));
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Exactly {@code length} bytes; fails on EOF or a read timeout. */
    byte[] readExactly(int length) throws IOException {
        byte[] bytes = new byte[length];
        int at = 0;
        while (at < length) {
            int n = in.read(bytes, at, length - at);
            if (n < 0) {
                throw new AssertionError("EOF after " + at + " of " + length + " bytes");
            }
            at += n;
        }
        return bytes;
    }

    /** Everything until the server ends the connection; fails on a read timeout. */
    byte[] readToEnd() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                all.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not end the connection; read so far: " + all.size() + " bytes", e);
        }
        return all.toByteArray();
    }

    /** A client frame (masked, RFC 6455 §5.3) with a single header byte: FIN, RSV and opcode. */
    static byte[] masked(int firstByte, byte[] payload) {
        return frame(firstByte, payload, true);
    }

    /** The same frame without the mask a client must set: a §5.1 violation. */
    static byte[] unmasked(int firstByte, byte[] payload) {
        return frame(firstByte, payload, false);
    }

    private static byte[] frame(int firstByte, byte[] payload, boolean mask) {
        int maskBit = mask ? 0x80 : 0;
        ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
        frame.put((byte) firstByte);
        if (payload.length <= 125) {
            frame.put((byte) (maskBit | payload.length));
        } else if (payload.length <= 0xffff) {
            frame.put((byte) (maskBit | 126)).putShort((short) payload.length);
        } else {
            frame.put((byte) (maskBit | 127)).putLong(payload.length);
        }
        if (mask) {
            frame.put(MASK);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (mask ? payload[i] ^ MASK[i % 4] : payload[i]));
        }
        frame.flip();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }

    /** The unmasked close frame a server sends: {@code 88 len code reason}. */
    static byte[] serverClose(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(2 + r.length).putShort((short) code).put(r);
        return unmasked(0x88, payload.array());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
