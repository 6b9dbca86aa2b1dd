package dev.wskit.transport.vertx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A hand-driven client over a plain {@link Socket}: writes exactly the bytes a test wants, reads raw. */
final class RawPeer implements AutoCloseable {
    static final String UPGRADE = "GET /raw HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) (RecordingHandler.TIMEOUT_SECONDS * 1000));
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Exactly {@code length} bytes, or fewer at EOF. */
    byte[] readExactly(int length) throws IOException {
        return in.readNBytes(length);
    }

    /** Sends a valid upgrade request and returns the response head, up to the empty line. */
    String upgrade() throws IOException {
        write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
        return readHead();
    }

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

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A frame with a payload length below 126, masked or not as given. */
    static byte[] frame(int firstByte, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        frame.write((masked ? 0x80 : 0) | payload.length);
        if (masked) {
            frame.writeBytes(MASK);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(masked ? payload[i] ^ MASK[i % 4] : payload[i]);
        }
        return frame.toByteArray();
    }

    /** Everything the server sends until it closes TCP; fails the test if it does not close in time. */
    byte[] readToEof() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                all.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection; got " + all.size() + " bytes", e);
        } catch (IOException reset) {
            // A reset after the close frame ends the stream just as well.
        }
        return all.toByteArray();
    }

    /** The close frame a server sends: {@code 88 len code reason}, unmasked (RFC 6455 §5.1). */
    static byte[] closeFrame(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return frame(0x88, payload, false);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
