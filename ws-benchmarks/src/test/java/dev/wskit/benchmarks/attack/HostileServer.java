package dev.wskit.benchmarks.attack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake server that attacks its client: it accepts one connection, agrees on permessage-deflate,
 * sends one compressed message of {@code payload} (RFC 7692 §6, unmasked as a server's frames are,
 * RFC 6455 §5.1), and reports the status code of the close frame the client answers with, or -1
 * when the client ends the connection without one.
 */
final class HostileServer implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final Pattern KEY = Pattern.compile("(?im)^sec-websocket-key:\\s*(\\S+)");
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final ServerSocket socket;
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

    HostileServer(byte[] compressedPayload) throws IOException {
        this.socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> serve(compressedPayload), "hostile-server");
        thread.setDaemon(true);
        thread.start();
    }

    String url() {
        return "ws://127.0.0.1:" + socket.getLocalPort() + "/";
    }

    private void serve(byte[] payload) {
        try (Socket client = socket.accept()) {
            client.setSoTimeout(READ_TIMEOUT_MILLIS);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            Matcher key = KEY.matcher(readHead(in));
            if (!key.find()) {
                throw new IOException("no Sec-WebSocket-Key");
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key.group(1)) + "\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(Frames.serverHeader(Frames.FIN | Frames.RSV1 | Frames.BINARY, payload.length));
            out.write(payload);
            out.flush();
            closeCode.complete(readCloseCode(in));
        } catch (IOException | RuntimeException e) {
            closeCode.completeExceptionally(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed during its request");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** The first frame from the client, which must be a close; its code unmasked (§5.3). */
    private static int readCloseCode(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return -1;
        }
        int second = in.read();
        if ((first & 0x0f) != Frames.CLOSE || (second & 0x7f) < 2 || (second & 0x7f) > 125) {
            throw new IOException(String.format("expected a close frame with a code, got 0x%02x 0x%02x", first, second));
        }
        byte[] mask = in.readNBytes(4);
        byte[] code = in.readNBytes(2);
        return ((code[0] ^ mask[0]) & 0xff) << 8 | ((code[1] ^ mask[1]) & 0xff);
    }

    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
