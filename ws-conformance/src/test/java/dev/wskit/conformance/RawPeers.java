package dev.wskit.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Opening handshakes for the fault suite's hand-driven peers: a {@link RawConnection} when the
 * peer reads everything, a plain socket when it must read nothing more (or when a thousand
 * reader threads would cost more than the fault itself).
 */
final class RawPeers {
    private static final int HEAD_TIMEOUT_MILLIS = 5_000;

    private RawPeers() {
    }

    /** The RFC 6455 §1.3 sample request for {@code path}. */
    static byte[] upgradeRequest(int port, String path) {
        return ("GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + ServerCaseRunner.KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A connection on {@code path} past its opening handshake, read all the time. */
    static RawConnection upgraded(int port, String path) throws IOException, InterruptedException {
        RawConnection connection = new RawConnection(new Socket(InetAddress.getLoopbackAddress(), port));
        try {
            connection.write(upgradeRequest(port, path));
            checkSwitchingProtocols(connection.readHead(HEAD_TIMEOUT_MILLIS));
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * A plain socket on {@code path} past its opening handshake, nothing read beyond the 101.
     * {@code receiveBufferBytes} above zero shrinks the receive buffer first (before connecting,
     * so the window the peer advertises is small from the start).
     */
    static Socket upgradedSocket(int port, String path, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            socket.getOutputStream().write(upgradeRequest(port, path));
            socket.setSoTimeout(HEAD_TIMEOUT_MILLIS);
            checkSwitchingProtocols(readHead(socket.getInputStream()));
            socket.setSoTimeout(0);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Byte by byte, so nothing after the head is consumed. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static void checkSwitchingProtocols(String head) {
        if (head == null || !head.startsWith("HTTP/1.1 101 ")) {
            throw new AssertionError("opening handshake refused: " + (head == null ? "no complete response" : head.lines().findFirst().orElse("")));
        }
    }
}
