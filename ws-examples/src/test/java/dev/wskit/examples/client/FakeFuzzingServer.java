package dev.wskit.examples.client;

import dev.wskit.examples.ConformanceLimits;
import dev.wskit.protocol.TransportEnd;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.http.HttpRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fuzzing server in the manner of Autobahn's {@code wstest -m fuzzingserver}, small enough to
 * read: {@code /getCaseCount} sends the count and closes, {@code /runCase?case=N&agent=NAME} plays
 * case N's {@link Script} and judges the client, {@code /updateReports?agent=NAME} closes. It is a
 * raw {@link ServerSocket} with the engine in the server role, a thread per connection, so a case
 * can also write a frame the engine would never send, or drop TCP without a close.
 *
 * <p>It records every request in order ({@link #requests}) and one verdict per case ({@link #verdict}).
 */
final class FakeFuzzingServer implements AutoCloseable {
    /** 16 MiB and one byte: past Autobahn's largest messages (cases 9.1.6 and 9.2.6). */
    static final int LARGE = 16 * 1024 * 1024 + 1;

    private static final WebSocketConfig CONFIG = ConformanceLimits.apply(WebSocketConfig.builder())
            .perMessageDeflate(PerMessageDeflateConfig.defaults())
            .build();
    /** FIN and the reserved opcode 0x3, no payload: the client must fail with 1002 (RFC 6455 §5.2). */
    private static final byte[] RESERVED_OPCODE_FRAME = {(byte) 0x83, 0x00};

    /** What the server does on one connection. */
    enum Script {
        /** Text, a ping, binary and non-ASCII text; closes with 1000 once each came back and the pong arrived. */
        ECHOES,
        /** Text and a {@link #LARGE} binary message; closes with 1000 once both came back. */
        LARGE_MESSAGE,
        /** A frame with a reserved opcode; the client must close with 1002. */
        RESERVED_OPCODE,
        /** Drops TCP right after the opening handshake: the client sees 1006. */
        DROP,
        /** Sends nothing and never closes: only the client's case timeout ends it. */
        SILENT,
        /** Closes with 1000 at once. */
        CLOSE
    }

    private final ServerSocket listener;
    private final String caseCount;
    private final List<Script> cases;
    private final Script updateReports;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, CompletableFuture<String>> verdicts = new ConcurrentHashMap<>();

    private FakeFuzzingServer(String caseCount, List<Script> cases, Script updateReports) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.caseCount = caseCount;
        this.cases = cases;
        this.updateReports = updateReports;
        Thread acceptor = new Thread(this::accept, "fake-fuzzing-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Serves {@code cases} (case N is {@code cases.get(N - 1)}); {@code /updateReports} closes normally. */
    static FakeFuzzingServer start(List<Script> cases) throws IOException {
        return new FakeFuzzingServer(Integer.toString(cases.size()), cases, Script.CLOSE);
    }

    /** A server whose {@code /getCaseCount} sends {@code caseCount} and whose {@code /updateReports} plays {@code updateReports}. */
    static FakeFuzzingServer start(String caseCount, Script updateReports) throws IOException {
        return new FakeFuzzingServer(caseCount, List.of(), updateReports);
    }

    /** {@code ws://127.0.0.1:PORT}, the URL given to {@code --autobahn}. */
    URI uri() {
        return URI.create("ws://" + listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort());
    }

    /** Each opening request so far, in order: {@code getCaseCount}, {@code runCase 1 agent=NAME deflate}, … */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** How the client did in case {@code n}, waiting up to 10 s for the case to end. */
    String verdict(int n) throws InterruptedException {
        try {
            return verdictOf(n).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException none) {
            throw new AssertionError("no verdict for case " + n + " within 10 s; requests: " + requests(), none);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private CompletableFuture<String> verdictOf(int n) {
        return verdicts.computeIfAbsent(n, k -> new CompletableFuture<>());
    }

    private void accept() {
        try {
            while (true) {
                Socket socket = listener.accept();
                Thread connection = new Thread(() -> serve(socket), "fake-fuzzing-server " + socket.getPort());
                connection.setDaemon(true);
                connection.start();
            }
        } catch (IOException closed) {
            // close() ends the server.
        }
    }

    /** A minimal blocking transport: bytes read go to the engine, what it queued is written. */
    private void serve(Socket socket) {
        Connection connection = new Connection();
        WebSocketEngine engine = WebSocketEngine.server(CONFIG, connection, System::nanoTime);
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            socket.setSoTimeout(10_000);
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                for (ByteBuffer bytes = engine.pollOutbound(); bytes != null; bytes = engine.pollOutbound()) {
                    write(out, bytes);
                }
                if (connection.raw != null) {
                    out.write(connection.raw);
                    connection.raw = null;
                }
                out.flush();
                if (connection.drop || engine.transportEnd() != TransportEnd.NONE) {
                    return;
                }
                int read = in.read(buffer);
                if (read < 0) {
                    engine.transportClosed();
                    return;
                }
                engine.receive(ByteBuffer.wrap(buffer, 0, read));
            }
        } catch (IOException gone) {
            // A reset, or no input for 10 s: the connection ends as a TCP close would end it.
            engine.transportClosed();
        }
    }

    private static void write(OutputStream out, ByteBuffer bytes) throws IOException {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        out.write(copy);
    }

    /** One connection's script: routes on the request's path, then plays and judges the case. */
    private final class Connection implements WebSocketHandler {
        private final Deque<String> expected = new ArrayDeque<>();
        private volatile byte[] raw;
        private volatile boolean drop;
        private int caseNumber;
        private boolean pongSeen;

        @Override
        public void onOpen(WebSocket socket) {
            HttpRequest request = socket.request();
            Map<String, String> query = query(request.query());
            switch (request.path()) {
                case "/getCaseCount" -> {
                    requests.add("getCaseCount");
                    socket.sendText(caseCount);
                    socket.close(1000, "");
                }
                case "/runCase" -> {
                    caseNumber = Integer.parseInt(query.get("case"));
                    String offer = request.headers().first("Sec-WebSocket-Extensions");
                    requests.add("runCase " + caseNumber + " agent=" + query.get("agent")
                            + (offer != null && offer.contains("permessage-deflate") ? " deflate" : ""));
                    play(socket, cases.get(caseNumber - 1));
                }
                case "/updateReports" -> {
                    requests.add("updateReports agent=" + query.get("agent"));
                    play(socket, updateReports);
                }
                default -> socket.close(1008, "no such endpoint");
            }
        }

        private void play(WebSocket socket, Script script) {
            switch (script) {
                case ECHOES -> {
                    send(socket, "text:one");
                    socket.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)));
                    send(socket, "binary:010203");
                    send(socket, "text:");
                    send(socket, "text:ü€𝄞");
                }
                case LARGE_MESSAGE -> {
                    pongSeen = true;
                    send(socket, "text:before the large one");
                    // Last, so the server writes nothing while the client echoes 16 MiB.
                    byte[] large = new byte[LARGE];
                    for (int i = 0; i < large.length; i++) {
                        large[i] = (byte) (i % 251);
                    }
                    expected.add(describe(ByteBuffer.wrap(large)));
                    socket.sendBinary(ByteBuffer.wrap(large));
                }
                case RESERVED_OPCODE -> raw = RESERVED_OPCODE_FRAME;
                case DROP -> {
                    decide("dropped");
                    drop = true;
                }
                case SILENT -> {
                    // The client's close decides the verdict.
                }
                case CLOSE -> socket.close(1000, "");
            }
        }

        /** Sends a message written as {@code text:…} or {@code binary:HEX}, and expects it back. */
        private void send(WebSocket socket, String message) {
            expected.add(message);
            if (message.startsWith("text:")) {
                socket.sendText(message.substring("text:".length()));
            } else {
                socket.sendBinary(ByteBuffer.wrap(HexFormat.of().parseHex(message.substring("binary:".length()))));
            }
        }

        @Override
        public void onText(WebSocket socket, String text) {
            received(socket, "text:" + text);
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            received(socket, describe(data));
        }

        @Override
        public void onPong(WebSocket socket, ByteBuffer payload) {
            pongSeen = StandardCharsets.UTF_8.decode(payload).toString().equals("are you there");
        }

        private void received(WebSocket socket, String message) {
            String wanted = expected.poll();
            if (!message.equals(wanted)) {
                decide("expected " + wanted + ", got " + abbreviate(message));
                socket.close(1000, "");
            } else if (expected.isEmpty()) {
                // The pong is owed before the echoes queued after the ping (RFC 6455 §5.5.2).
                decide(pongSeen ? "echoed" : "echoed, but no pong");
                socket.close(1000, "");
            }
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            decide("client closed with " + code);
        }

        /** The first verdict of a case stands. */
        private void decide(String verdict) {
            if (caseNumber > 0) {
                verdictOf(caseNumber).complete(verdict);
            }
        }
    }

    /** Small binary as hex; large as its length and SHA-256, so a mismatch reads in one line. */
    private static String describe(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        if (bytes.length <= 64) {
            return "binary:" + HexFormat.of().formatHex(bytes);
        }
        try {
            return "binary:" + bytes.length + " bytes, sha-256 "
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException required) {
            throw new AssertionError("every JDK has SHA-256", required);
        }
    }

    private static String abbreviate(String message) {
        return message.length() <= 80 ? message : message.substring(0, 80) + "…";
    }

    private static Map<String, String> query(String query) {
        Map<String, String> parameters = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
