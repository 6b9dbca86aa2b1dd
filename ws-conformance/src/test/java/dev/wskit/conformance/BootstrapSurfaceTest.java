package dev.wskit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.transport.blocking.BlockingWebSocketClient;
import dev.wskit.transport.blocking.BlockingWebSocketServer;
import dev.wskit.transport.core.ClientBuilder;
import dev.wskit.transport.core.ServerBuilder;
import dev.wskit.transport.core.WebSocketServer;
import dev.wskit.transport.netty.NettyWebSocketClient;
import dev.wskit.transport.netty.NettyWebSocketServer;
import dev.wskit.transport.vertx.VertxWebSocketClient;
import dev.wskit.transport.vertx.VertxWebSocketServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One bootstrap surface (issue 14, item 5): every transport's builders refuse a bad setting with
 * the same exception and message, and every server and client ends its connections as
 * {@link WebSocketServer} documents: {@code 1001 Going Away}, a bounded wait, then a drop.
 */
@Timeout(60)
class BootstrapSurfaceTest {
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final long WAIT_SECONDS = 10;
    private static final Class<NullPointerException> NPE = NullPointerException.class;
    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<IllegalStateException> ISE = IllegalStateException.class;

    @AfterAll
    static void closeShared() {
        Transport.closeShared();
    }

    /** A bad call on a builder, the exception it must throw, and that exception's message. */
    private record Refusal<B>(String call, Consumer<B> apply, Class<? extends RuntimeException> type, String message) {
        @Override
        public String toString() {
            return call;
        }
    }

    static Stream<Arguments> badServerSettings() {
        return onEveryTransport(List.<Refusal<ServerBuilder<?>>>of(
                new Refusal<>("host(null)", b -> b.host(null), NPE, "host"),
                new Refusal<>("host(\"\")", b -> b.host(""), IAE, "host must not be empty"),
                new Refusal<>("port(-1)", b -> b.port(-1), IAE, "port out of range 0-65535: -1"),
                new Refusal<>("port(65536)", b -> b.port(65536), IAE, "port out of range 0-65535: 65536"),
                new Refusal<>("port(70000)", b -> b.port(70000), IAE, "port out of range 0-65535: 70000"),
                new Refusal<>("config(null)", b -> b.config(null), NPE, "config"),
                new Refusal<>("handler(null)", b -> b.handler(null), NPE, "handler"),
                new Refusal<>("upgrade(null)", b -> b.upgrade(null), NPE, "decider"),
                new Refusal<>("build() without a handler", ServerBuilder::build, ISE,
                        "no handler: call handler(...) or upgrade(...) before build()")));
    }

    static Stream<Arguments> badClientSettings() {
        return onEveryTransport(List.<Refusal<ClientBuilder<?>>>of(
                new Refusal<>("config(null)", b -> b.config(null), NPE, "config"),
                new Refusal<>("connectTimeout(null)", b -> b.connectTimeout(null), NPE, "connectTimeout"),
                new Refusal<>("connectTimeout(0)", b -> b.connectTimeout(Duration.ZERO), IAE,
                        "connectTimeout must be positive: PT0S"),
                new Refusal<>("connectTimeout(-1 s)", b -> b.connectTimeout(Duration.ofSeconds(-1)), IAE,
                        "connectTimeout must be positive: PT-1S"),
                new Refusal<>("header(null, v)", b -> b.header(null, "v"), NPE, "name"),
                new Refusal<>("header(n, null)", b -> b.header("X-Token", null), NPE, "value"),
                new Refusal<>("header(Host, h)", b -> b.header("Host", "h"), IAE, "Host is written by the handshake itself"),
                new Refusal<>("header(not a token, v)", b -> b.header("Bad Name", "v"), IAE,
                        "header name is not an HTTP token: 'Bad Name'"),
                new Refusal<>("header(n, CRLF)", b -> b.header("X-Token", "a\r\nHost: evil"), IAE,
                        "header value holds a forbidden character: X-Token"),
                new Refusal<>("origin(null)", b -> b.origin(null), NPE, "origin"),
                new Refusal<>("origin(CRLF)", b -> b.origin("http://a\r\nb"), IAE,
                        "origin holds a forbidden character: http://a\r\nb")));
    }

    private static <B> Stream<Arguments> onEveryTransport(List<Refusal<B>> refusals) {
        return Arrays.stream(Transport.values()).flatMap(t -> refusals.stream().map(r -> Arguments.of(t, r)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badServerSettings")
    void aBadServerSettingIsRefusedAlikeOnEveryTransport(Transport transport, Refusal<ServerBuilder<?>> refusal) {
        ServerBuilder<?> builder = transport.serverBuilder();
        assertThatThrownBy(() -> refusal.apply().accept(builder))
                .isExactlyInstanceOf(refusal.type()).hasMessage(refusal.message());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badClientSettings")
    void aBadClientSettingIsRefusedAlikeOnEveryTransport(Transport transport, Refusal<ClientBuilder<?>> refusal) {
        ClientBuilder<?> builder = transport.clientBuilder();
        assertThatThrownBy(() -> refusal.apply().accept(builder))
                .isExactlyInstanceOf(refusal.type()).hasMessage(refusal.message());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tlsOfNoContextIsRefusedByName(Transport transport) {
        assertThatThrownBy(nullTls(transport, true)).isExactlyInstanceOf(NPE).hasMessage("tls");
        assertThatThrownBy(nullTls(transport, false)).isExactlyInstanceOf(NPE).hasMessage("tls");
    }

    /** {@code tls(null)} on the server's or the client's builder: the type of the context is the transport's own. */
    private static ThrowingCallable nullTls(Transport transport, boolean server) {
        return switch (transport) {
            case BLOCKING -> server ? () -> ((BlockingWebSocketServer.Builder) transport.serverBuilder()).tls(null)
                    : () -> ((BlockingWebSocketClient.Builder) transport.clientBuilder()).tls(null);
            case NETTY -> server ? () -> ((NettyWebSocketServer.Builder) transport.serverBuilder()).tls(null)
                    : () -> ((NettyWebSocketClient.Builder) transport.clientBuilder()).tls(null);
            case VERTX -> server ? () -> ((VertxWebSocketServer.Builder) transport.serverBuilder()).tls(null)
                    : () -> ((VertxWebSocketClient.Builder) transport.clientBuilder()).tls(null);
        };
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void beforeItStartsAServerHasNoPortAndNothingToStop(Transport transport) {
        WebSocketServer server = transport.serverBuilder().handler(Transport.Echo::new).build();

        assertThatThrownBy(server::port).isExactlyInstanceOf(ISE).hasMessage("not started");
        assertThatThrownBy(() -> server.stop(Duration.ofSeconds(-1))).isExactlyInstanceOf(IAE)
                .hasMessage("grace must not be negative: PT-1S");
        assertThatThrownBy(() -> server.stop(null)).isExactlyInstanceOf(NPE).hasMessage("grace");
        server.stop(GRACE);
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anAddressThatCannotBeBoundFailsTheStartWithAnIoExceptionNamingIt(Transport transport) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            WebSocketServer server = transport.serverBuilder().port(taken.getLocalPort()).handler(Transport.Echo::new).build();

            assertThatThrownBy(server::start).isExactlyInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
            assertThatThrownBy(server::port).as("still not started").isExactlyInstanceOf(ISE);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void stopSendsGoingAwayToAJdkClientAndHappensOnce(Transport transport) throws Exception {
        WebSocketServer server = transport.serverBuilder().handler(Transport.Echo::new).build().start();
        int port = server.port();
        CompletableFuture<String> closed = jdkClient(port);

        assertThatThrownBy(server::start).isExactlyInstanceOf(ISE).hasMessage("already started");
        server.stop(GRACE);

        assertThat(closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("1001 server stopping");
        assertThat(server.port()).as("known after the stop").isEqualTo(port);
        server.stop(GRACE);
        assertThatThrownBy(server::start).as("a server starts once").isExactlyInstanceOf(ISE);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closeIsAStopThatAlsoSendsGoingAway(Transport transport) throws Exception {
        WebSocketServer server = transport.serverBuilder().handler(Transport.Echo::new).build().start();
        CompletableFuture<String> closed = jdkClient(server.port());

        server.close();

        assertThat(closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("1001 server stopping");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void stopDropsAPeerThatNeverAnswersOnceTheGraceIsOver(Transport transport) throws Exception {
        WebSocketServer server = transport.serverBuilder().handler(Transport.Echo::new).build().start();
        try (Socket silent = RawPeers.upgradedSocket(server.port(), "/", 0)) {
            silent.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.stop(Duration.ofMillis(100)));

            // FIN, 0x8 close, 17 bytes: 1001 and "server stopping" (RFC 6455 §5.5.1).
            assertThat(silent.getInputStream().readNBytes(4)).containsExactly(0x88, 0x11, 0x03, 0xE9);
            stopped.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(readsToTheEnd(silent.getInputStream())).as("the connection ended without our close").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closingAClientSendsGoingAwayAndRefusesLaterConnects(Transport transport) throws Exception {
        CompletableFuture<String> serverSaw = new CompletableFuture<>();
        WebSocketServer server = transport.serverBuilder().handler(() -> new WebSocketHandler() {
            @Override
            public void onClose(WebSocket socket, int code, String reason) {
                serverSaw.complete(code + " " + reason);
            }
        }).build().start();
        try {
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/");
            Transport.Client client = transport.client(WebSocketConfig.defaults());
            client.connect(uri, new WebSocketHandler() { }).get(WAIT_SECONDS, TimeUnit.SECONDS);

            client.close();

            assertThat(serverSaw.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("1001 client closing");
            Throwable refused = catchThrowable(() -> client.connect(uri, new WebSocketHandler() { }).join());
            // The blocking client connects on a thread of the test's own, so its refusal comes in the future.
            Throwable cause = refused instanceof CompletionException ? refused.getCause() : refused;
            assertThat(cause).isExactlyInstanceOf(ISE).hasMessage("client closed");
        } finally {
            server.stop(GRACE);
        }
    }

    /** Connects the JDK's client; completes with "code reason" of the close it receives, which it answers at once. */
    private static CompletableFuture<String> jdkClient(int port) throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new java.net.http.WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(java.net.http.WebSocket socket, int code, String reason) {
                        closed.complete(code + " " + reason);
                        return null;
                    }
                })
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        return closed;
    }

    /** Whether the stream ends (EOF or reset) before its read timeout, discarding what comes. */
    private static boolean readsToTheEnd(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // Discarded: only the end counts.
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }
}
