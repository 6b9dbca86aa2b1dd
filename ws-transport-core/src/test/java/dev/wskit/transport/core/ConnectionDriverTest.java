package dev.wskit.transport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle every transport shares, driven over a {@link ScriptedIo}: what the driver writes,
 * when it asks to be woken, how it ends TCP, when it stops reading, and the answer to each misuse.
 * Every event the handler saw must be checked ({@link #everyEventWasChecked}).
 */
class ConnectionDriverTest {
    private static final String OPENING_REQUEST = "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    /** RFC 6455 §5.7: a masked text frame holding "Hello". */
    private static final String MASKED_HELLO = "818537fa213d7f9f4d5158";
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final ScriptedIo io = new ScriptedIo();
    private final Clock clock = new Clock();
    private final List<String> events = new ArrayList<>();

    @AfterEach
    void everyEventWasChecked() {
        assertThat(events).as("events no test looked at").isEmpty();
    }

    @Test
    void armsTheHandshakeDeadlineAndAbortsAPeerThatNeverFinishesItsRequest() {
        ConnectionDriver driver = open(WebSocketConfig.builder().handshakeTimeout(SECOND).build(), false);
        assertThat(io.timerDelayNanos).isEqualTo(SECOND.toNanos());
        clock.advance(SECOND);
        io.fireTimer();
        assertThat(takeEvents()).containsExactly("error:HANDSHAKE_TIMEOUT");
        assertThat(io.takeCalls()).as("nothing owed to a peer that never asked: a reset").containsExactly("abort");
        assertThat(io.takeWritten()).isEmpty();
        driver.transportClosed();
        assertThat(driver.opened()).isCompletedExceptionally();
    }

    @Test
    void keepsAFrameCutByTheReadAndDeliversItWhenTheRestArrives() {
        ConnectionDriver driver = open(WebSocketConfig.defaults(), true);
        byte[] hello = HexFormat.of().parseHex(MASKED_HELLO);
        driver.receive(ByteBuffer.wrap(hello, 0, 1));
        driver.receive(ByteBuffer.wrap(hello, 1, 5));
        assertThat(takeEvents()).isEmpty();
        driver.receive(ByteBuffer.wrap(hello, 6, 5));
        assertThat(takeEvents()).containsExactly("text:Hello");
        assertThat(io.takeWritten()).as("the echo").isEqualTo("810548656c6c6f");
    }

    @Test
    void pingsAnIdlePeerThenAbortsItWithoutWritingMore() {
        Duration idle = Duration.ofSeconds(30);
        ConnectionDriver driver = open(WebSocketConfig.builder().idleTimeout(idle).build(), true);
        assertThat(io.timerDelayNanos).as("the handshake's timer is kept: one that fires early just asks again")
                .isEqualTo(Duration.ofSeconds(10).toNanos());
        io.fireTimer();
        assertThat(io.takeWritten()).isEmpty();
        assertThat(io.timerDelayNanos).isEqualTo(idle.toNanos());
        clock.advance(idle);
        io.fireTimer();
        assertThat(io.takeWritten()).as("keepalive ping number 1").isEqualTo("890131");
        // The peer stopped reading too: what we write stays in the transport.
        io.unwritten = 1000;
        driver.socket().sendText("unread");
        io.takeWritten();
        clock.advance(idle);
        io.fireTimer();
        assertThat(takeEvents()).containsExactly("error:KEEPALIVE_TIMEOUT", "close:1006:");
        assertThat(io.takeCalls()).containsExactly("abort");
        assertThat(io.takeWritten()).as("no close frame to a dead peer").isEmpty();
        assertThat(io.timer).as("nothing left to wake up for").isNull();
    }

    @Test
    void endsGracefullyOnceAfterTheClosingHandshakeAndAbortsAPeerThatNeverSendsItsFin() {
        ConnectionDriver driver = open(WebSocketConfig.builder().closeTimeout(SECOND).build(), true);
        driver.receive(ByteBuffer.wrap(HexFormat.of().parseHex("888037fa213d")));
        assertThat(takeEvents()).containsExactly("close:1005:");
        assertThat(io.takeWritten()).isEqualTo("8800");
        assertThat(io.takeCalls()).containsExactly("end gracefully");
        assertThat(io.timerDelayNanos).isEqualTo(SECOND.toNanos());
        driver.receive(ByteBuffer.wrap(HexFormat.of().parseHex(MASKED_HELLO)));
        assertThat(takeEvents()).as("input after the close is discarded").isEmpty();
        clock.advance(SECOND);
        io.fireTimer();
        assertThat(io.takeCalls()).containsExactly("abort");
        assertThat(takeEvents()).isEmpty();
    }

    @Test
    void refusesSendsAfterTheCloseFromAnyThreadWithoutAnException() {
        ConnectionDriver driver = open(WebSocketConfig.defaults(), true);
        WebSocket socket = driver.socket();
        socket.close();
        assertThat(io.takeWritten()).isEqualTo("880203e8");
        assertThat(socket.sendText("late")).isFalse();
        io.owner = false;
        assertThat(socket.state()).isEqualTo(ConnectionState.CLOSING);
        assertThat(socket.sendBinary(ByteBuffer.allocate(3))).isFalse();
        assertThat(socket.sendPing(ByteBuffer.allocate(0))).isFalse();
        assertThat(io.handedOver).isEmpty();
        assertThat(io.takeWritten()).isEmpty();
    }

    @Test
    void givesTheTransportsAddressesOnAnyThread() {
        ConnectionDriver driver = open(WebSocketConfig.defaults(), true);
        io.owner = false;
        assertThat(driver.socket().remoteAddress()).hasToString("/127.0.0.1:40000");
        assertThat(driver.socket().localAddress()).hasToString("/127.0.0.1:8080");
    }

    @Test
    void checksArgumentsAtTheCallSiteOnAnyThread() {
        ConnectionDriver driver = open(WebSocketConfig.defaults(), true);
        io.owner = false;
        assertThatThrownBy(() -> driver.socket().sendPing(ByteBuffer.allocate(126))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> driver.socket().close(1005, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> driver.socket().sendText("lone \ud800 high")).isInstanceOf(IllegalArgumentException.class);
        assertThat(io.handedOver).isEmpty();
    }

    @Test
    void aHandedOverSendCopiesItsDataAndRunsOnTheOwner() {
        ConnectionDriver driver = open(WebSocketConfig.defaults(), true);
        io.owner = false;
        ByteBuffer data = ByteBuffer.wrap(new byte[] {1, 2, 3});
        assertThat(driver.socket().sendBinary(data)).isTrue();
        data.put(0, (byte) 9);
        assertThat(io.takeWritten()).as("nothing written off the owner").isEmpty();
        io.runHandedOver();
        assertThat(io.takeWritten()).isEqualTo("8203010203");
    }

    @Test
    void misuseFoundOnlyWhenAHandedOverSendRunsFailsTheConnectionWith1011() {
        ConnectionDriver driver = open(WebSocketConfig.defaults(), true);
        driver.socket().sendText("piece", false);
        io.takeWritten();
        io.owner = false;
        assertThat(driver.socket().sendBinary(ByteBuffer.allocate(1))).isTrue();
        io.runHandedOver();
        assertThat(takeEvents()).containsExactly("error:INTERNAL_ERROR", "close:1011:");
        assertThat(io.takeWritten()).isEqualTo("880203f3");
        assertThat(io.takeCalls()).containsExactly("end gracefully");
    }

    @Test
    void stopsReadingPastTheHighWaterMarkAndSaysDrainedBackAtTheLowOne() {
        ConnectionDriver driver = open(WebSocketConfig.builder().outboundWaterMarks(100, 1000).build(), true);
        io.unwritten = 1001;
        driver.socket().sendText("x");
        assertThat(io.takeCalls()).containsExactly("not reading");
        io.unwritten = 101;
        driver.outputProgressed();
        assertThat(io.takeCalls()).as("not yet at the low-water mark").isEmpty();
        io.unwritten = 100;
        driver.outputProgressed();
        assertThat(takeEvents()).containsExactly("drain");
        assertThat(io.takeCalls()).containsExactly("reading");
    }

    @Test
    void dropsAPeerWhoseUnwrittenBytesPassTheLimit() {
        ConnectionDriver driver = open(WebSocketConfig.builder().maxOutboundBytes(1000).build(), true);
        io.unwritten = 1001;
        driver.outputProgressed();
        assertThat(takeEvents()).containsExactly("error:OUTBOUND_LIMIT_EXCEEDED", "close:1006:");
        assertThat(io.takeCalls()).containsExactly("abort");
    }

    @Test
    void pauseKeepsTheRestOfTheInputUntilResume() {
        handler = new Recording() {
            @Override
            public void onText(WebSocket socket, String text) {
                super.onText(socket, text);
                socket.pause();
            }
        };
        ConnectionDriver driver = open(WebSocketConfig.defaults(), true);
        byte[] two = HexFormat.of().parseHex(MASKED_HELLO + MASKED_HELLO);
        driver.receive(ByteBuffer.wrap(two));
        assertThat(takeEvents()).containsExactly("text:Hello");
        assertThat(io.takeCalls()).containsExactly("not reading");
        driver.socket().resume();
        assertThat(takeEvents()).containsExactly("text:Hello");
        assertThat(io.takeCalls()).as("paused again by the second message").isEmpty();
    }

    @Test
    void onOpenThrowingFailsTheConnectionWith1011AndTheConnectFuture() {
        handler = new Recording() {
            @Override
            public void onOpen(WebSocket socket) {
                super.onOpen(socket);
                throw new IllegalStateException("no");
            }
        };
        ConnectionDriver driver = open(WebSocketConfig.defaults(), false);
        driver.receive(ByteBuffer.wrap(OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII)));
        assertThat(takeEvents()).containsExactly("open", "error:INTERNAL_ERROR", "close:1011:");
        assertThat(io.takeWritten()).startsWith(hex("HTTP/1.1 101 ")).endsWith("880203f3");
        assertThatThrownBy(() -> driver.opened().get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketException.class);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private WebSocketHandler handler = new Recording();

    /** A server driver; {@code upgraded}: the RFC's sample request already answered. */
    private ConnectionDriver open(WebSocketConfig config, boolean upgraded) {
        io.takeCalls();
        ConnectionDriver driver = ConnectionDriver.server(config, handler, io, WebSocketFacade::new, clock);
        driver.start();
        if (upgraded) {
            driver.receive(ByteBuffer.wrap(OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII)));
            assertThat(takeEvents()).containsExactly("open");
            assertThat(io.takeWritten()).startsWith(hex("HTTP/1.1 101 "));
        }
        return driver;
    }

    private List<String> takeEvents() {
        List<String> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    /** Records each event and echoes text. */
    private class Recording implements WebSocketHandler {
        @Override
        public void onOpen(WebSocket socket) {
            events.add("open");
        }

        @Override
        public void onText(WebSocket socket, String text) {
            events.add("text:" + text);
            socket.sendText(text);
        }

        @Override
        public void onDrain(WebSocket socket) {
            events.add("drain");
        }

        @Override
        public void onError(WebSocket socket, WebSocketException error) {
            events.add("error:" + error.violation());
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            events.add("close:" + code + ":" + reason);
        }
    }

    private static final class Clock implements LongSupplier {
        private long nanos = 5_000_000_000L;

        @Override
        public long getAsLong() {
            return nanos;
        }

        void advance(Duration by) {
            nanos += by.toNanos();
        }
    }
}
