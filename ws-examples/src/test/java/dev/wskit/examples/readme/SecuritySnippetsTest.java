package dev.wskit.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.upgrade.Routes;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import dev.wskit.transport.blocking.BlockingWebSocketServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;

/**
 * The README's security snippets, kept compiling and working: each block between a pair of
 * {@code // README: NAME} markers below is one of the README's code blocks, character for
 * character (without this file's indentation).
 */
class SecuritySnippetsTest {
    private static final Pattern SNIPPET = Pattern.compile(
            "\\n( *)// README: ([a-z ]+), begin\\n(.*?)\\n\\1// README: \\2, end\\n", Pattern.DOTALL);

    /** Stands in for the application's session store. */
    private final Map<String, String> sessions = Map.of("t0ken", "ann");

    /** Answers each text with who sent it, as the upgrade decision named them. */
    static final class ChatHandler implements WebSocketHandler {
        @Override
        public void onText(WebSocket socket, String text) {
            socket.sendText(socket.attributes().get("user") + ": " + text);
        }
    }

    private BlockingWebSocketServer startAuthenticating() throws IOException {
        // README: authenticating at the upgrade, begin
        UpgradeDecider decider = Routes.builder()
                .exact("/chat", request -> {
                    Optional<String> user = request.header("Authorization")
                            .filter(value -> value.startsWith("Bearer "))
                            .map(value -> sessions.get(value.substring("Bearer ".length())));
                    return user.isPresent()
                            ? UpgradeDecision.accept(new ChatHandler()).withAttribute("user", user.get())
                            : UpgradeDecision.reject(401, "log in first\n").withHeader("WWW-Authenticate", "Bearer");
                })
                .build();
        BlockingWebSocketServer server = BlockingWebSocketServer.builder().upgrade(decider).build().start();
        // README: authenticating at the upgrade, end
        return server;
    }

    private static WebSocketConfig hardened() {
        // README: origin and limits, begin
        WebSocketConfig config = WebSocketConfig.builder()
                .originPolicy(origin -> "https://chat.example.com".equals(origin))
                .maxHandshakeBytes(4 * 1024)
                .maxFramePayload(64 * 1024)
                .maxMessageSize(256 * 1024)
                .maxOutboundBytes(1024 * 1024)
                .handshakeTimeout(Duration.ofSeconds(5))
                .idleTimeout(Duration.ofSeconds(30))
                .build();
        // README: origin and limits, end
        return config;
    }

    private static BlockingWebSocketServer startMutualTls(SSLContext serverContext) throws IOException {
        // README: client certificates, begin
        SSLParameters clientCertificates = new SSLParameters();
        clientCertificates.setWantClientAuth(true);
        BlockingWebSocketServer server = BlockingWebSocketServer.builder()
                .tls(serverContext, clientCertificates)
                .upgrade(request -> {
                    try {
                        X509Certificate client = (X509Certificate) request.tlsSession().orElseThrow()
                                .getPeerCertificates()[0];
                        return UpgradeDecision.accept(new ChatHandler())
                                .withAttribute("user", client.getSubjectX500Principal().getName());
                    } catch (SSLPeerUnverifiedException noCertificate) {
                        return UpgradeDecision.reject(403, "a client certificate is required\n");
                    }
                })
                .build().start();
        // README: client certificates, end
        return server;
    }

    @Test
    void theReadmeShowsEachSnippet() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/wskit/examples/readme/SecuritySnippetsTest.java"));
        String readme = Files.readString(Path.of("../README.md"));
        Matcher snippets = SNIPPET.matcher(source);
        int found = 0;
        while (snippets.find()) {
            String indent = snippets.group(1);
            String code = snippets.group(3).replaceAll("(?m)^" + indent, "");
            assertThat(readme).as("README block '%s'", snippets.group(2)).contains("```java\n" + code + "\n```\n");
            found++;
        }
        assertThat(found).as("snippets marked in this file").isEqualTo(3);
    }

    @Test
    void aBearerTokenOpensTheChatAndTheHandlerKnowsTheUser() throws Exception {
        BlockingWebSocketServer server = startAuthenticating();
        try {
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer t0ken")
                    .buildAsync(chat(server), new java.net.http.WebSocket.Listener() {
                        @Override
                        public CompletableFuture<?> onText(java.net.http.WebSocket socket, CharSequence data, boolean last) {
                            received.add(data.toString());
                            socket.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText("hi", true).get(10, TimeUnit.SECONDS);
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("ann: hi");
            ws.abort();
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void anUnknownTokenGets401() throws Exception {
        BlockingWebSocketServer server = startAuthenticating();
        try {
            CompletableFuture<java.net.http.WebSocket> refused = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer stolen")
                    .buildAsync(chat(server), new java.net.http.WebSocket.Listener() { });
            assertThat(refusedStatus(refused)).isEqualTo(401);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void theHardenedConfigurationRefusesAForeignOrigin() throws Exception {
        BlockingWebSocketServer server = BlockingWebSocketServer.builder().config(hardened())
                .handler(ChatHandler::new).build().start();
        try {
            CompletableFuture<java.net.http.WebSocket> refused = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Origin", "https://evil.example.net")
                    .buildAsync(chat(server), new java.net.http.WebSocket.Listener() { });
            assertThat(refusedStatus(refused)).isEqualTo(403);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void withoutAClientCertificateTheUpgradeIsRefused403() throws Exception {
        dev.wskit.testkit.kit.TestCertificate certificate = dev.wskit.testkit.kit.TestCertificate.loopback();
        BlockingWebSocketServer server = startMutualTls(certificate.serverContext());
        try {
            CompletableFuture<java.net.http.WebSocket> refused = HttpClient.newBuilder()
                    .sslContext(certificate.clientContext()).build().newWebSocketBuilder()
                    .buildAsync(URI.create("wss://127.0.0.1:" + server.port() + "/"), new java.net.http.WebSocket.Listener() { });
            assertThat(refusedStatus(refused)).isEqualTo(403);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    /** The status the JDK's client was refused with; fails if the upgrade succeeded or failed otherwise. */
    private static int refusedStatus(CompletableFuture<java.net.http.WebSocket> attempt) throws Exception {
        Throwable failure = attempt.handle((ws, e) -> e instanceof CompletionException ? e.getCause() : e)
                .get(10, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure).getResponse().statusCode();
    }

    private static URI chat(BlockingWebSocketServer server) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/chat");
    }
}
