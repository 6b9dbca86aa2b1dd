package dev.wskit.transport.netty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A hand-driven client over a plain socket: exact bytes out, exact bytes in, reads bounded to 10 s. */
final class RawPeer implements AutoCloseable {
    static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};

    final Socket socket;
    final InputStream in;

    RawPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    static String upgradeRequest(String path, String version) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: " + version + "\r\n\r\n";
    }

    void send(String ascii) throws IOException {
        send(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Opens the WebSocket and returns the response head. */
    String handshake(String path) throws IOException {
        send(upgradeRequest(path, "13"));
        return readHead();
    }

    /** The HTTP response head, through the empty line. */
    String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    byte[] readExactly(int length) throws IOException {
        return in.readNBytes(length);
    }

    /** A masked frame of one fragment: short payloads only (under 126 bytes). */
    static byte[] maskedFrame(int firstByte, byte[] payload) {
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) firstByte;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(MASK, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ MASK[i % 4]);
        }
        return frame;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
