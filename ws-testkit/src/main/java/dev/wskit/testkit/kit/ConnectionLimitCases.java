package dev.wskit.testkit.kit;

import static dev.wskit.testkit.kit.Kit.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server's connection limits ({@code maxConnections}, {@code maxConnectionsPerAddress}): a
 * connection beyond one is answered {@code 503} with {@code Retry-After} before the upgrade (or
 * instead of the HTTP handler's answer), the open ones are untouched, and a place freed by a close
 * is taken by the next client.
 */
public interface ConnectionLimitCases extends TransportCases {

    @Test
    default void theJdkClientBeyondMaxConnectionsSees503AndThePlaceOfAClosedConnectionIsTakenAgain(Kit kit)
            throws Exception {
        TransportUnderTest.Server server = kit.server(builder -> builder.maxConnections(2).handler(Kit::echo));
        URI uri = uri(server);
        JdkRecorder first = kit.jdk(uri);
        JdkRecorder second = kit.jdk(uri);

        Throwable refused = Kit.failureOf(kit.jdkBuilder().buildAsync(uri, new java.net.http.WebSocket.Listener() { }));
        assertThat(refused).isInstanceOf(WebSocketHandshakeException.class);
        java.net.http.HttpResponse<?> response = ((WebSocketHandshakeException) refused).getResponse();
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");

        await(first.socket().sendText("first still here", true));
        first.expectText("first still here");
        await(second.socket().sendText("second still here", true));
        second.expectText("second still here");

        await(first.socket().sendClose(1000, "done"));
        first.expect("close:1000:");
        JdkRecorder third = jdkOnceAPlaceIsFree(kit, uri);
        await(third.socket().sendText("third", true));
        third.expectText("third");
    }

    @Test
    default void beyondMaxConnectionsTheDeciderIsNotAskedAndAnInvalidRequestKeepsItsOwnAnswer(Kit kit)
            throws Exception {
        List<String> decided = new CopyOnWriteArrayList<>();
        TransportUnderTest.Server server = kit.server(builder -> builder.maxConnections(1).upgrade(request -> {
            decided.add(request.path());
            return UpgradeDecision.accept(Kit.echo());
        }));
        RawPeer open = kit.rawUpgraded(server.port());

        RawPeer refused = kit.raw(server.port());
        refused.write(RawPeer.UPGRADE);
        String answer = new String(refused.readToEnd(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 503 Service Unavailable\r\n").contains("\r\nRetry-After: 5\r\n")
                .contains("\r\nConnection: close\r\n").endsWith("\r\n\r\nthe server has too many connections; try again later\n");
        assertThat(refused.endedByReset()).as("the whole response, then a FIN").isFalse();

        RawPeer invalid = kit.raw(server.port());
        invalid.write(RawPeer.UPGRADE.replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"));
        assertThat(new String(invalid.readToEnd(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 426 ");
        assertThat(decided).as("only the connection within the limit was decided on").containsExactly("/chat");

        open.write(RawPeer.masked(0x81, "ok"));
        assertThat(RawPeer.hex(open.readExactly(4))).isEqualTo("81026f6b");
    }

    @Test
    default void beyondMaxConnectionsPerAddressOnlyThatAddressIsRefusedAndARefusedOneHoldsNoPlace(Kit kit)
            throws Exception {
        TransportUnderTest.Server server = kit.server(builder -> builder.maxConnectionsPerAddress(1)
                .handler(Kit::echo));
        RawPeer fromOne = kit.rawFrom("127.0.0.1", server.port());
        fromOne.upgrade();

        RawPeer againFromOne = kit.rawFrom("127.0.0.1", server.port());
        againFromOne.write(RawPeer.UPGRADE);
        String answer = new String(againFromOne.readToEnd(), StandardCharsets.UTF_8);
        assertThat(answer).startsWith("HTTP/1.1 503 Service Unavailable\r\n").contains("\r\nRetry-After: 5\r\n")
                .endsWith("\r\n\r\ntoo many connections from your address; try again later\n");

        RawPeer fromTwo = kit.rawFrom("127.0.0.2", server.port());
        fromTwo.upgrade();
        fromTwo.write(RawPeer.masked(0x81, "ok"));
        assertThat(RawPeer.hex(fromTwo.readExactly(4))).isEqualTo("81026f6b");

        // Refused and still open (the server waits for its FIN): it must not keep the place taken.
        RawPeer refusedStillOpen = kit.rawFrom("127.0.0.1", server.port());
        refusedStillOpen.write(RawPeer.UPGRADE);
        assertThat(refusedStillOpen.readHead()).startsWith("HTTP/1.1 503 ");
        fromOne.close();
        upgradeOnceAPlaceIsFree(kit, "127.0.0.1", server.port());
    }

    @Test
    default void beyondMaxConnectionsAPlainRequestIsAnswered503TooAndItsConnectionCloses(Kit kit) throws Exception {
        WebSocketConfig config = WebSocketConfig.builder()
                .httpHandler(request -> HttpResponse.text(200, "healthy\n")).build();
        TransportUnderTest.Server server = kit.server(builder -> builder.maxConnections(1).config(config)
                .handler(Kit::echo));
        String health = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        RawPeer within = kit.raw(server.port());
        within.write(health);
        assertThat(within.readHead()).startsWith("HTTP/1.1 200 OK\r\n");

        RawPeer beyond = kit.raw(server.port());
        beyond.write(health);
        assertThat(new String(beyond.readToEnd(), StandardCharsets.UTF_8))
                .startsWith("HTTP/1.1 503 Service Unavailable\r\n").contains("\r\nRetry-After: 5\r\n")
                .endsWith("\r\n\r\nthe server has too many connections; try again later\n");
        assertThat(beyond.endedByReset()).as("the whole response, then a FIN").isFalse();
    }

    private static URI uri(TransportUnderTest.Server server) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/");
    }

    /**
     * The JDK's client, connected once the server has seen a closed connection end: it gives its
     * place back when its TCP connection is gone, a moment after the close the client saw.
     */
    private static JdkRecorder jdkOnceAPlaceIsFree(Kit kit, URI uri) throws Exception {
        long deadline = System.nanoTime() + Events.WAIT.toNanos();
        while (true) {
            try {
                return kit.jdk(uri);
            } catch (Exception e) {
                boolean busy = Kit.causes(e).stream().anyMatch(cause -> cause instanceof WebSocketHandshakeException
                        refused && refused.getResponse().statusCode() == 503);
                if (!busy || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
    }

    /** Upgrades a raw peer from {@code localAddress} once the server has a place for it again. */
    private static void upgradeOnceAPlaceIsFree(Kit kit, String localAddress, int port) throws Exception {
        long deadline = System.nanoTime() + Events.WAIT.toNanos();
        while (true) {
            RawPeer peer = kit.rawFrom(localAddress, port);
            peer.write(RawPeer.UPGRADE);
            String head = peer.readHead();
            if (head.startsWith("HTTP/1.1 101 ")) {
                return;
            }
            assertThat(head).startsWith("HTTP/1.1 503 ");
            assertThat(System.nanoTime() - deadline).as("a place freed within the wait").isNegative();
            peer.close();
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
