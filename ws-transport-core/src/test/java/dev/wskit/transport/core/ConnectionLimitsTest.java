package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import dev.wskit.transport.core.ConnectionLimits.Limit;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The counting of open connections, in total and per IP address, and what a server connection over
 * a limit answers: alone, then through {@link ServerSettings#newConnection} over a {@link ScriptedIo}.
 */
class ConnectionLimitsTest {
    private static final String OPENING_REQUEST = "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    private static InetSocketAddress from(String ip, int port) {
        return new InetSocketAddress(ip, port);
    }

    @Test
    void aConnectionOverTheTotalIsRefusedAndTakesNoPlace() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(2, 100);
        ConnectionLimits.Slot first = limits.newSlot();
        ConnectionLimits.Slot second = limits.newSlot();
        assertThat(first.take(from("10.0.0.1", 1000))).isTrue();
        assertThat(second.take(from("10.0.0.2", 1000))).isTrue();
        assertThat(first.refusal()).isEmpty();

        ConnectionLimits.Slot third = limits.newSlot();
        assertThat(third.take(from("10.0.0.3", 1000))).isFalse();
        assertThat(third.refusal()).contains(Limit.MAX_CONNECTIONS);
        assertThat(limits.openConnections()).as("a refused connection holds no place").isEqualTo(2);
        assertThat(limits.openConnections(InetAddress.getByName("10.0.0.3"))).isZero();
        third.release();
        assertThat(limits.openConnections()).as("releasing a refused one frees nobody's place").isEqualTo(2);

        first.release();
        assertThat(limits.openConnections()).isEqualTo(1);
        ConnectionLimits.Slot fourth = limits.newSlot();
        assertThat(fourth.take(from("10.0.0.3", 1001))).isTrue();
        assertThat(limits.openConnections()).isEqualTo(2);
    }

    @Test
    void anAddressIsCountedWhateverItsPortAndOthersStillGetIn() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(100, 2);
        assertThat(limits.newSlot().take(from("127.0.0.1", 5000))).isTrue();
        assertThat(limits.newSlot().take(from("127.0.0.1", 5001))).isTrue();
        ConnectionLimits.Slot third = limits.newSlot();
        assertThat(third.take(from("127.0.0.1", 5002))).isFalse();
        assertThat(third.refusal()).contains(Limit.MAX_CONNECTIONS_PER_ADDRESS);
        assertThat(limits.newSlot().take(from("127.0.0.2", 5000))).as("another address").isTrue();
        assertThat(limits.openConnections(InetAddress.getByName("127.0.0.1"))).isEqualTo(2);
        assertThat(limits.openConnections(InetAddress.getByName("127.0.0.2"))).isEqualTo(1);
        assertThat(limits.openConnections()).isEqualTo(3);
    }

    @Test
    void aPlaceIsGivenBackExactlyOnce() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(10, 10);
        ConnectionLimits.Slot slot = limits.newSlot();
        ConnectionLimits.Slot other = limits.newSlot();
        slot.take(from("10.0.0.1", 1));
        other.take(from("10.0.0.1", 2));
        assertThat(slot.take(from("10.0.0.1", 1))).as("taken once, still held").isTrue();
        assertThat(limits.openConnections()).isEqualTo(2);
        slot.release();
        slot.release();
        assertThat(limits.openConnections()).isEqualTo(1);
        assertThat(limits.openConnections(InetAddress.getByName("10.0.0.1"))).isEqualTo(1);
        assertThat(slot.take(from("10.0.0.1", 1))).as("a released slot is not taken again").isFalse();
        assertThat(limits.openConnections()).isEqualTo(1);
    }

    @Test
    void aSlotReleasedBeforeItsConnectionStartedTakesNothing() {
        ConnectionLimits limits = new ConnectionLimits(1, 1);
        ConnectionLimits.Slot closedFirst = limits.newSlot();
        closedFirst.release();
        assertThat(closedFirst.take(from("10.0.0.1", 1))).isFalse();
        assertThat(closedFirst.refusal()).isEmpty();
        assertThat(limits.openConnections()).isZero();
    }

    @Test
    void aPeerWithNoIpAddressCountsInTheTotalOnly() {
        ConnectionLimits limits = new ConnectionLimits(2, 1);
        SocketAddress notIp = new SocketAddress() { };
        assertThat(limits.newSlot().take(notIp)).isTrue();
        assertThat(limits.newSlot().take(null)).isTrue();
        ConnectionLimits.Slot third = limits.newSlot();
        assertThat(third.take(notIp)).isFalse();
        assertThat(third.refusal()).contains(Limit.MAX_CONNECTIONS);
    }

    @Test
    void limitsAreAtLeastOne() {
        assertThatThrownBy(() -> new ConnectionLimits(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConnections must be positive: 0");
        assertThatThrownBy(() -> new BuilderDefaultsTest.Server().maxConnectionsPerAddress(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConnectionsPerAddress must be positive: -1");
    }

    @Test
    void aServerAllowsTenThousandConnectionsAndAnyNumberFromOneAddressByDefault() {
        ServerSettings settings = new BuilderDefaultsTest.Server().handler(() -> new WebSocketHandler() { }).settingsNow();
        assertThat(settings.limits().maxConnections()).isEqualTo(10_000);
        assertThat(settings.limits().maxConnectionsPerAddress()).isEqualTo(Integer.MAX_VALUE);
        ServerSettings set = new BuilderDefaultsTest.Server().maxConnections(5).maxConnectionsPerAddress(2)
                .handler(() -> new WebSocketHandler() { }).settingsNow();
        assertThat(set.limits().maxConnections()).isEqualTo(5);
        assertThat(set.limits().maxConnectionsPerAddress()).isEqualTo(2);
    }

    // ---- through the driver ---------------------------------------------------------------------

    @Test
    void withAHandlerFactoryTheConnectionOverTheLimitIsAnswered503AndGivesNoPlaceBack() {
        List<String> events = new ArrayList<>();
        ServerSettings settings = new BuilderDefaultsTest.Server().maxConnections(1)
                .handler(() -> recording(events)).settingsNow();
        ScriptedIo firstIo = new ScriptedIo();
        ConnectionDriver first = start(settings, firstIo);
        first.receive(ascii(OPENING_REQUEST));
        assertThat(written(firstIo)).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        assertThat(events).containsExactly("open");

        ScriptedIo refusedIo = new ScriptedIo();
        ConnectionDriver refused = start(settings, refusedIo);
        refused.receive(ascii(OPENING_REQUEST));
        assertThat(written(refusedIo)).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                .contains("\r\nRetry-After: 5\r\n").contains("\r\nConnection: close\r\n")
                .endsWith("\r\n\r\nthe server has too many connections; try again later\n");
        assertThat(refusedIo.takeCalls()).contains("end gracefully");
        refused.transportClosed();
        assertThat(events).as("the refused connection's handler hears nothing").containsExactly("open");
        assertThat(settings.limits().openConnections()).isEqualTo(1);

        first.transportClosed();
        first.transportClosed();
        assertThat(settings.limits().openConnections()).as("released once, at the end of the transport").isZero();
        ScriptedIo nextIo = new ScriptedIo();
        start(settings, nextIo).receive(ascii(OPENING_REQUEST));
        assertThat(written(nextIo)).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    }

    @Test
    void withADeciderTheConnectionOverItsAddressLimitIsRefusedBeforeTheDeciderSeesIt() {
        List<String> decided = new ArrayList<>();
        ServerSettings settings = new BuilderDefaultsTest.Server().maxConnectionsPerAddress(1).upgrade(request -> {
            decided.add(request.path());
            return UpgradeDecision.accept(new WebSocketHandler() { });
        }).settingsNow();
        ScriptedIo firstIo = new ScriptedIo();
        start(settings, firstIo).receive(ascii(OPENING_REQUEST));
        assertThat(written(firstIo)).startsWith("HTTP/1.1 101 Switching Protocols\r\n");

        ScriptedIo sameAddress = new ScriptedIo();
        sameAddress.remote = from("127.0.0.1", 40001);
        start(settings, sameAddress).receive(ascii(OPENING_REQUEST));
        assertThat(written(sameAddress)).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                .contains("\r\nRetry-After: 5\r\n").endsWith("too many connections from your address; try again later\n");

        ScriptedIo otherAddress = new ScriptedIo();
        otherAddress.remote = from("127.0.0.2", 40000);
        start(settings, otherAddress).receive(ascii(OPENING_REQUEST));
        assertThat(written(otherAddress)).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        assertThat(decided).as("the refused request never reached the decider").containsExactly("/chat", "/chat");
    }

    @Test
    void anInvalidRequestOverTheLimitKeepsItsOwnAnswer() {
        ServerSettings settings = new BuilderDefaultsTest.Server().maxConnections(1)
                .handler(() -> new WebSocketHandler() { }).settingsNow();
        start(settings, new ScriptedIo());
        ScriptedIo refusedIo = new ScriptedIo();
        ConnectionDriver refused = start(settings, refusedIo);
        refused.receive(ascii(OPENING_REQUEST.replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8")));
        assertThat(written(refusedIo)).startsWith("HTTP/1.1 426 ");
    }

    @Test
    void withAnHttpHandlerAPlainRequestOverTheLimitIsAnswered503AndTheConnectionCloses() {
        WebSocketConfig config = WebSocketConfig.builder()
                .httpHandler(request -> HttpResponse.text(200, "healthy\n")).build();
        ServerSettings settings = new BuilderDefaultsTest.Server().maxConnections(1).config(config)
                .handler(() -> new WebSocketHandler() { }).settingsNow();
        String health = "GET /health HTTP/1.1\r\nHost: server.example.com\r\n\r\n";
        ScriptedIo withinIo = new ScriptedIo();
        start(settings, withinIo).receive(ascii(health));
        assertThat(written(withinIo)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nhealthy\n");
        assertThat(withinIo.takeCalls()).as("kept alive for the next request").doesNotContain("end gracefully");

        ScriptedIo overIo = new ScriptedIo();
        start(settings, overIo).receive(ascii(health));
        assertThat(written(overIo)).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                .contains("\r\nRetry-After: 5\r\n").contains("\r\nConnection: close\r\n")
                .endsWith("\r\n\r\nthe server has too many connections; try again later\n");
        assertThat(overIo.takeCalls()).contains("end gracefully");
    }

    private static ConnectionDriver start(ServerSettings settings, ScriptedIo io) {
        ConnectionDriver driver = settings.newConnection(io);
        driver.start();
        return driver;
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String written(ScriptedIo io) {
        return new String(HexFormat.of().parseHex(io.takeWritten()), StandardCharsets.ISO_8859_1);
    }

    private static WebSocketHandler recording(List<String> events) {
        return new WebSocketHandler() {
            @Override
            public void onOpen(WebSocket socket) {
                events.add("open");
            }

            @Override
            public void onError(WebSocket socket, WebSocketException error) {
                events.add("error:" + error.violation());
            }

            @Override
            public void onClose(WebSocket socket, int code, String reason) {
                events.add("close:" + code);
            }
        };
    }
}
