package dev.wskit.testkit.kit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A hand-driven client on a plain socket, for peers that break the rules: it writes exactly the
 * bytes a test gives and reads with a timeout, so a test fails rather than hangs. Made by
 * {@link Kit#raw}.
 */
public final class RawPeer implements AutoCloseable {
    /** The RFC 6455 §1.3 sample upgrade; its answer carries {@code s3pPLMBiTxaQ9kYGzzhZRbK+xOo=}. */
    public static final String UPGRADE = "GET /chat HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n";
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean reset;

    RawPeer(int port, int receiveBuffer) throws IOException {
        this(port, receiveBuffer, null);
    }

    /**
     * A raw peer connected to {@code port} on 127.0.0.1, for a test outside the kit, which closes
     * it itself (the kit's {@link Kit#raw} closes its own).
     */
    public static RawPeer to(int port) throws IOException {
        return new RawPeer(port, 0);
    }

    /** @param localAddress the address to connect from (another loopback address, say), or {@code null} for any */
    RawPeer(int port, int receiveBuffer, String localAddress) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            // Before connecting, so the window the peer is offered is small from the start.
            socket.setReceiveBufferSize(receiveBuffer);
        }
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout((int) Events.WAIT.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    /** Sends {@link #UPGRADE} and checks the 101 answer; returns the response head. */
    public String upgrade() throws IOException {
        write(UPGRADE);
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101 ")) {
            throw new AssertionError("not upgraded: " + head);
        }
        return head;
    }

    public void write(String ascii) throws IOException {
        write(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The response head, up to and including the empty line; fails on EOF before it. */
    public String readHead() throws IOException {
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
    public byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new AssertionError("EOF after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /** One server frame's payload (unmasked, any length); fails if its first byte is not {@code firstByte}. */
    public byte[] readFrame(int firstByte) throws IOException {
        byte[] header = readExactly(2);
        if ((header[0] & 0xff) != firstByte || (header[1] & 0x80) != 0) {
            throw new AssertionError("expected an unmasked frame starting " + Integer.toHexString(firstByte)
                    + ", got " + hex(header));
        }
        long length = header[1] & 0x7f;
        if (length == 126) {
            length = ByteBuffer.wrap(readExactly(2)).getShort() & 0xffff;
        } else if (length == 127) {
            length = ByteBuffer.wrap(readExactly(8)).getLong();
        }
        return readExactly((int) length);
    }

    /**
     * Everything until the other end ends the connection, by EOF or by a reset
     * ({@link #endedByReset()}); fails on a read timeout.
     */
    public byte[] readToEnd() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                all.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection did not end; read so far: " + all.size() + " bytes", e);
        } catch (SocketException connectionReset) {
            reset = true;
        }
        return all.toByteArray();
    }

    /** Whether {@link #readToEnd()} ended on a reset rather than an orderly EOF. */
    public boolean endedByReset() {
        return reset;
    }

    /** A client frame (masked, RFC 6455 §5.3) with a single header byte: FIN, RSV and opcode. */
    public static byte[] masked(int firstByte, byte[] payload) {
        return frame(firstByte, payload, true);
    }

    public static byte[] masked(int firstByte, String utf8) {
        return masked(firstByte, utf8.getBytes(StandardCharsets.UTF_8));
    }

    /** The frame as a server sends it, or a client breaking §5.1: unmasked. */
    public static byte[] unmasked(int firstByte, byte[] payload) {
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
        byte[] bytes = new byte[frame.flip().remaining()];
        frame.get(bytes);
        return bytes;
    }

    /** A close payload: the code in two bytes, then the reason in UTF-8. */
    public static byte[] closePayload(int code, String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + r.length).putShort((short) code).put(r).array();
    }

    /** The close frame a server sends: {@code 88 len code reason}. */
    public static byte[] serverClose(int code, String reason) {
        return unmasked(0x88, closePayload(code, reason));
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
