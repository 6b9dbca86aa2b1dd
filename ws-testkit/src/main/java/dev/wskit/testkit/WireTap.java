package dev.wskit.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay between a client and a server that keeps every byte each way, so a test can read
 * what the peers really sent: the {@code Sec-WebSocket-Extensions} offer and answer, and each
 * frame's RSV1 bit and size on the wire (RFC 7692 §6.1). Neither peer knows it is there. Each
 * accepted connection becomes a {@link Link}; two daemon threads copy it, recording before they
 * forward, so what a peer has received is already recorded.
 */
public final class WireTap implements AutoCloseable {
    private static final int WAIT_SECONDS = 10;

    private final ServerSocket listener;
    private final int targetPort;
    private final BlockingQueue<Link> links = new LinkedBlockingQueue<>();

    public WireTap(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("tap-accept", this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The next connection made through the tap, in the order they were accepted. */
    public Link nextLink() throws InterruptedException {
        Link link = links.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (link == null) {
            throw new AssertionError("no connection through the tap within " + WAIT_SECONDS + " s");
        }
        return link;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                Link link = new Link();
                daemon("tap-up", () -> pump(client, server, link.fromClient));
                daemon("tap-down", () -> pump(server, client, link.fromServer));
                links.add(link);
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Copies until EOF, then half-closes the other side so the EOF travels on. */
    private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
        byte[] chunk = new byte[64 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                synchronized (record) {
                    record.write(chunk, 0, n);
                }
                out.write(chunk, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    /** One connection's bytes, each direction as recorded so far. */
    public static final class Link {
        private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
        private final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();

        public byte[] clientBytes() {
            synchronized (fromClient) {
                return fromClient.toByteArray();
            }
        }

        public byte[] serverBytes() {
            synchronized (fromServer) {
                return fromServer.toByteArray();
            }
        }

        /** The client's {@code Sec-WebSocket-Extensions}, lines joined by ", "; {@code null} when absent. */
        public String offeredExtensions() {
            return header(clientBytes(), "Sec-WebSocket-Extensions");
        }

        /** The server's {@code Sec-WebSocket-Extensions}; {@code null} when absent. */
        public String acceptedExtensions() {
            return header(serverBytes(), "Sec-WebSocket-Extensions");
        }

        /** The complete frames the client sent so far, unmasked. */
        public List<Frame> clientFrames() {
            return frames(clientBytes());
        }

        /** The complete frames the server sent so far. */
        public List<Frame> serverFrames() {
            return frames(serverBytes());
        }

        /** The complete messages the client sent so far: its data frames, grouped up to each FIN. */
        public List<List<Frame>> clientMessages() {
            return messages(clientFrames());
        }

        /** The complete messages the server sent so far. */
        public List<List<Frame>> serverMessages() {
            return messages(serverFrames());
        }

        /** Control frames (opcode 8 and above, RFC 6455 §5.5) are left out. */
        private static List<List<Frame>> messages(List<Frame> frames) {
            List<List<Frame>> messages = new ArrayList<>();
            List<Frame> current = new ArrayList<>();
            for (Frame frame : frames) {
                if (frame.opcode() >= 8) {
                    continue;
                }
                current.add(frame);
                if (frame.fin()) {
                    messages.add(current);
                    current = new ArrayList<>();
                }
            }
            return messages;
        }

        private static String header(byte[] bytes, String name) {
            String head = new String(bytes, 0, headLength(bytes), StandardCharsets.ISO_8859_1);
            List<String> values = new ArrayList<>();
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    values.add(line.substring(colon + 1).trim());
                }
            }
            return values.isEmpty() ? null : String.join(", ", values);
        }

        private static int headLength(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new AssertionError("no complete HTTP head in " + bytes.length + " bytes");
            }
            return end + 4;
        }

        /** RFC 6455 §5.2 framing, read back: 7-, 16- or 64-bit lengths, masked or not. */
        private static List<Frame> frames(byte[] bytes) {
            List<Frame> frames = new ArrayList<>();
            int at = headLength(bytes);
            while (at + 2 <= bytes.length) {
                int b0 = bytes[at] & 0xff;
                boolean masked = (bytes[at + 1] & 0x80) != 0;
                long length = bytes[at + 1] & 0x7f;
                int header = 2;
                if (length == 126) {
                    if (at + 4 > bytes.length) {
                        break;
                    }
                    length = ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
                    header = 4;
                } else if (length == 127) {
                    if (at + 10 > bytes.length) {
                        break;
                    }
                    length = 0;
                    for (int i = 2; i < 10; i++) {
                        length = (length << 8) | (bytes[at + i] & 0xff);
                    }
                    header = 10;
                }
                int maskAt = at + header;
                int payloadAt = maskAt + (masked ? 4 : 0);
                if (payloadAt + length > bytes.length) {
                    break;
                }
                byte[] payload = new byte[(int) length];
                for (int i = 0; i < length; i++) {
                    byte b = bytes[payloadAt + i];
                    payload[i] = masked ? (byte) (b ^ bytes[maskAt + (i & 3)]) : b;
                }
                frames.add(new Frame(b0, payload));
                at = payloadAt + (int) length;
            }
            return frames;
        }
    }

    /** Payload bytes of a message's frames together: what the message cost on the wire, headers aside. */
    public static int payloadBytes(List<Frame> message) {
        return message.stream().mapToInt(f -> f.payload().length).sum();
    }

    /** A message's payload: its frames' payloads together, in order. */
    public static byte[] payload(List<Frame> message) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        message.forEach(frame -> joined.writeBytes(frame.payload()));
        return joined.toByteArray();
    }

    /** Whether a message is marked compressed as RFC 7692 §6.1 says: RSV1 on its first frame, and only there. */
    public static boolean compressed(List<Frame> message) {
        for (Frame continuation : message.subList(1, message.size())) {
            if (continuation.rsv1()) {
                throw new AssertionError("RSV1 on a continuation frame: " + message);
            }
        }
        return message.get(0).rsv1();
    }

    /** A frame as it was on the wire: its first byte (FIN, RSV, opcode) and its unmasked payload. */
    public record Frame(int firstByte, byte[] payload) {
        public boolean fin() {
            return (firstByte & 0x80) != 0;
        }

        public boolean rsv1() {
            return (firstByte & 0x40) != 0;
        }

        public int opcode() {
            return firstByte & 0x0f;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%02x+%d bytes", firstByte, payload.length);
        }
    }
}
