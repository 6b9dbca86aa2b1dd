package dev.wskit.examples.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.wskit.examples.RunningApp;
import dev.wskit.examples.transport.ExampleTransport;
import dev.wskit.examples.transport.RunningServer;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client app over loopback, on every transport: what goes in, what comes out, how it exits. */
class ClientAppTest {

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void sendsInputLinesAndPrintsWhatTheEchoServerSendsBack(ExampleTransport transport) throws Exception {
        try (RunningApp echo = RunningApp.start("echo", "--transport", transport.optionName(), "--port", "0")) {
            String input = "hello\n/hex 0a0b ff\n/ping hi\n//slash\n/bogus\n";
            RunningApp client = RunningApp.start(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                    "client", "--transport", transport.optionName(), echo.awaitUri("ws").toString());

            assertThat(client.awaitExit()).isZero();
            List<String> lines = client.out().rest();
            // The engine may send the owed pong ahead of echoes queued before it; data keeps its order.
            assertThat(lines).contains("[pong] hi", "[error] unknown command /bogus (start a text with // to send it as is)");
            assertThat(lines).filteredOn(l -> !l.startsWith("[pong]") && !l.startsWith("[error]"))
                    .containsExactly("[open]", "hello", "[binary 3 bytes] 0a0bff", "/slash", "[close] 1000");
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void echoModeSendsEveryMessageBackUntilTheServerCloses(ExampleTransport transport) throws Exception {
        BlockingQueue<String> echoed = new LinkedBlockingQueue<>();
        WebSocketHandler script = new WebSocketHandler() {
            @Override
            public void onOpen(WebSocket socket) {
                socket.sendText("one");
                socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                socket.sendText("ü");
            }

            @Override
            public void onText(WebSocket socket, String text) {
                record(socket, "text:" + text);
            }

            @Override
            public void onBinary(WebSocket socket, ByteBuffer data) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                record(socket, "binary:" + HexFormat.of().formatHex(bytes));
            }

            private void record(WebSocket socket, String event) {
                echoed.add(event);
                if (echoed.size() == 3) {
                    socket.close(1000, "done");
                }
            }
        };
        RunningServer server = ExampleTransport.NETTY.startServer("127.0.0.1", 0, WebSocketConfig.defaults(),
                request -> UpgradeDecision.accept(script));
        try {
            RunningApp client = RunningApp.start("client", "--echo", "--transport", transport.optionName(),
                    server.uri("ws", "/").toString());

            assertThat(client.awaitExit()).isZero();
            assertThat(List.of(next(echoed), next(echoed), next(echoed))).containsExactly("text:one", "binary:010203", "text:ü");
            assertThat(client.out().rest()).containsExactly("[open]", "[close] 1000 done");
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void refusedUpgradeExitsWith1AndPrintsTheStatusAndBody(ExampleTransport transport) throws Exception {
        // The JDK's HTTP server knows no WebSocket: it answers as told, with a body and a length.
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = "no token\nask the admin\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        try {
            RunningApp client = RunningApp.start("client", "--transport", transport.optionName(),
                    "ws://127.0.0.1:" + http.getAddress().getPort() + "/");

            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(List.of(client.err().next(), client.err().next(), client.err().next()))
                    .containsExactly("client: upgrade refused: 403 Forbidden", "no token", "ask the admin");
        } finally {
            http.stop(0);
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void closeWithAnErrorCodeExitsWith1(ExampleTransport transport) throws Exception {
        WebSocketHandler refusing = new WebSocketHandler() {
            @Override
            public void onOpen(WebSocket socket) {
                socket.close(1008, "not for you");
            }
        };
        RunningServer server = transport.startServer("127.0.0.1", 0, WebSocketConfig.defaults(),
                request -> UpgradeDecision.accept(refusing));
        try {
            RunningApp client = RunningApp.start("client", "--transport", transport.optionName(),
                    server.uri("ws", "/").toString());

            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(client.out().rest()).containsExactly("[open]", "[close] 1008 not for you");
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void refusedConnectionExitsWith1(ExampleTransport transport) throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        RunningApp client = RunningApp.start("client", "--transport", transport.optionName(), "ws://127.0.0.1:" + closedPort + "/");

        assertThat(client.awaitExit()).isEqualTo(1);
        assertThat(client.err().next()).startsWith("client: cannot connect to ws://127.0.0.1:" + closedPort + "/");
    }

    /** A fake proxy on a plain socket answers the CONNECT with 407; the client says so and exits with 1. */
    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void aProxyThatRefusesExitsWith1AndSaysWhy(ExampleTransport transport) throws Exception {
        try (ServerSocket proxy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> refuseOnce(proxy));
            RunningApp client = RunningApp.start("client", "--transport", transport.optionName(),
                    "--proxy", "http://ada:secret@127.0.0.1:" + proxy.getLocalPort(), "ws://server.example:8080/");

            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(client.err().next()).isEqualTo("client: cannot connect to ws://server.example:8080/: proxy 127.0.0.1:"
                    + proxy.getLocalPort() + " (status 407): refused CONNECT server.example:8080: 407 Who are you");
            assertThat(request.get(10, TimeUnit.SECONDS)).startsWith("CONNECT server.example:8080 HTTP/1.1\r\n")
                    .contains("Proxy-Authorization: Basic YWRhOnNlY3JldA==\r\n");
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void aProxyThatIsNoHttpUriIsAUsageError(ExampleTransport transport) throws Exception {
        RunningApp client = RunningApp.start("client", "--transport", transport.optionName(),
                "--proxy", "https://127.0.0.1:3128", "ws://127.0.0.1:9/");

        assertThat(client.awaitExit()).isEqualTo(2);
        assertThat(client.err().next()).isEqualTo("client: --proxy: a proxy URI starts with http://: https://127.0.0.1:3128 (try client --help)");
    }

    /** Accepts one connection, reads its request head and answers 407; returns the head. */
    private static String refuseOnce(ServerSocket proxy) {
        try (Socket connection = proxy.accept()) {
            connection.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int b = connection.getInputStream().read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            connection.getOutputStream().write("HTTP/1.1 407 Who are you\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            return head.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void stopClosesWith1001AndExitsWith0(ExampleTransport transport) throws Exception {
        try (RunningApp echo = RunningApp.start("echo", "--transport", transport.optionName(), "--port", "0");
             PipedOutputStream typing = new PipedOutputStream()) {
            // Input that never ends: only the stop can end this client.
            RunningApp client = RunningApp.start(new PipedInputStream(typing),
                    "client", "--transport", transport.optionName(), echo.awaitUri("ws").toString());
            assertThat(client.out().next()).isEqualTo("[open]");

            assertThat(client.stop()).isZero();
            assertThat(client.out().next()).isEqualTo("[close] 1001");
        }
    }

    private static String next(BlockingQueue<String> queue) throws InterruptedException {
        String event = queue.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an echoed message within 10 s").isNotNull();
        return event;
    }
}
