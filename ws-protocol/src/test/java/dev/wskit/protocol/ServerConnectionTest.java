package dev.wskit.protocol;

import static dev.wskit.protocol.Rfc6455Examples.maskedHello;
import static dev.wskit.protocol.Rfc6455Examples.bytes;
import static dev.wskit.protocol.Rfc6455Examples.concat;
import static dev.wskit.protocol.ServerUnderTest.drain;
import static dev.wskit.protocol.ServerUnderTest.hex;
import static dev.wskit.protocol.Wire.closePayload;
import static dev.wskit.protocol.Wire.masked;
import static dev.wskit.protocol.Wire.unmasked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.engine.WebSocketEngine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The engine in the server role: messages, control frames and the closing handshake (RFC 6455 §5, §7). */
class ServerConnectionTest {

    @Test
    void deliversTheRfcMaskedHelloAsText() {
        ServerUnderTest server = new ServerUnderTest().receive(maskedHello());
        assertThat(server.events.take()).containsExactly("text:Hello");
        assertThat(server.written()).isEmpty();
    }

    @Test
    void keepsAFrameThatArrivesInTheSameReadAsTheHandshake() {
        RecordingHandler events = new RecordingHandler();
        WebSocketEngine connection = WebSocketEngine.server(WebSocketConfig.defaults(), events, new TestClock());
        connection.receive(ByteBuffer.wrap(concat(
                Rfc6455Examples.OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII), maskedHello())));
        assertThat(events.take()).containsExactly("open", "text:Hello");
    }

    @Test
    void reassemblesFragmentsWithAPingBetweenThemAndAnswersThePing() {
        byte[][] frames = {masked(0x01, "Hel"), masked(0x89, "p"), masked(0x80, "lo")};
        for (boolean byteByByte : new boolean[] {false, true}) {
            ServerUnderTest server = new ServerUnderTest();
            if (byteByByte) {
                server.receiveByteByByte(frames);
            } else {
                server.receive(frames);
            }
            assertThat(server.events.take()).containsExactly("ping:70", "text:Hello");
            assertThat(hex(server.written())).isEqualTo(hex(unmasked(0x8a, "p")));
        }
    }

    @Test
    void deliversAnUnsolicitedPongWithoutError() {
        ServerUnderTest server = new ServerUnderTest().receive(masked(0x8a, "x"));
        assertThat(server.events.take()).containsExactly("pong:78");
        assertThat(server.written()).isEmpty();
    }

    @Test
    void doesNotAnswerPingsWhenAutoPongIsOff() {
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.builder().autoPong(false).build())
                .receive(masked(0x89, "p"));
        assertThat(server.events.take()).containsExactly("ping:70");
        assertThat(server.written()).isEmpty();
    }

    @Test
    void answersTheClientsCloseOnceByEchoingItsCodeAndAsksToCloseTcp() {
        ServerUnderTest server = new ServerUnderTest().receive(masked(0x88, closePayload(1000, "bye")));
        assertThat(server.events.take()).containsExactly("close:1000:bye");
        assertThat(hex(server.written())).isEqualTo(hex(unmasked(0x88, closePayload(1000, ""))));
        assertThat(server.connection.socket().state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(server.connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
    }

    @Test
    void answersAnEmptyCloseWithAnEmptyCloseAndReports1005() {
        ServerUnderTest server = new ServerUnderTest().receive(masked(0x88, new byte[0]));
        assertThat(server.events.take()).containsExactly("close:1005:");
        assertThat(hex(server.written())).isEqualTo("8800");
    }

    @Test
    void completesAServerInitiatedCloseWhenTheClientAnswers() {
        ServerUnderTest server = new ServerUnderTest();
        server.connection.socket().close(CloseCode.GOING_AWAY, "restart");
        assertThat(hex(server.written())).isEqualTo(hex(unmasked(0x88, closePayload(1001, "restart"))));
        assertThat(server.connection.socket().state()).isEqualTo(ConnectionState.CLOSING);
        assertThat(server.connection.transportEnd()).isEqualTo(TransportEnd.NONE);

        server.receive(masked(0x81, "late but legal"), masked(0x88, closePayload(1001, "")));
        assertThat(server.events.take()).containsExactly("text:late but legal", "close:1001:");
        assertThat(server.written()).as("no second close frame").isEmpty();
        assertThat(server.connection.socket().state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(server.connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
    }

    @Test
    void ignoresEverythingAfterTheClientsClose() {
        ServerUnderTest server = new ServerUnderTest()
                .receive(masked(0x88, closePayload(1000, "")), masked(0x81, "after close"), bytes(0x00, 0x00));
        assertThat(server.events.take()).containsExactly("close:1000:");
    }

    @Test
    void closeTwiceSendsOneCloseFrame() {
        ServerUnderTest server = new ServerUnderTest();
        server.connection.socket().close(1000, "");
        server.connection.socket().close(1001, "again");
        assertThat(hex(server.written())).isEqualTo("880203e8");
    }

    @Test
    void dropsAPeerThatNeverAnswersTheClose() {
        ServerUnderTest server = new ServerUnderTest();
        server.connection.socket().close(1000, "");
        server.written();
        server.clock.advance(Duration.ofSeconds(4));
        server.connection.wakeUp();
        assertThat(server.events.take()).as("the default close timeout is 5 s").isEmpty();
        assertThat(server.connection.nextWakeUp()).isEqualTo(server.clock.getAsLong() + Duration.ofSeconds(1).toNanos());
        server.clock.advance(Duration.ofSeconds(1));
        server.connection.wakeUp();
        assertThat(server.events.take()).containsExactly("error:CLOSE_TIMEOUT", "close:1006:");
        assertThat(server.written()).isEmpty();
        assertThat(server.connection.transportEnd()).isEqualTo(TransportEnd.ABORT);
        assertThat(server.connection.nextWakeUp()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void reportsAnAbnormalClosureWhenTcpEndsWithoutAClose() {
        ServerUnderTest server = new ServerUnderTest().receive(bytes(0x81, 0x85, 0x37));
        server.connection.transportClosed();
        assertThat(server.events.take()).containsExactly("close:1006:");
        assertThat(server.connection.socket().state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void theKeepaliveWaitsWhileTheApplicationHoldsReadingPaused() {
        Duration idle = Duration.ofSeconds(30);
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.builder().idleTimeout(idle).build());
        server.connection.socket().pause();
        assertThat(server.connection.nextWakeUp()).as("no keepalive deadline while paused").isEqualTo(Long.MAX_VALUE);
        server.clock.advance(idle.multipliedBy(5));
        server.connection.wakeUp();
        assertThat(server.written()).as("no ping: its pong could not be read").isEmpty();
        server.connection.socket().resume();
        assertThat(server.connection.nextWakeUp()).as("idle counts again from the resume")
                .isEqualTo(server.clock.getAsLong() + idle.toNanos());
        server.clock.advance(idle);
        server.connection.wakeUp();
        assertThat(server.writtenHex()).as("ping number 1, in ASCII").isEqualTo("890131");
        assertThat(server.events.take()).isEmpty();
    }

    @Test
    void pingsAnIdlePeerAndDropsItWhenItStaysSilent() {
        Duration idle = Duration.ofSeconds(30);
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.builder().idleTimeout(idle).build());
        assertThat(server.connection.nextWakeUp()).isEqualTo(server.clock.getAsLong() + idle.toNanos());
        server.clock.advance(idle.minusNanos(1));
        server.connection.wakeUp();
        assertThat(server.written()).as("not idle long enough yet").isEmpty();
        server.clock.advance(Duration.ofNanos(1));
        server.connection.wakeUp();
        assertThat(server.writtenHex()).as("ping number 1, in ASCII").isEqualTo("890131");
        server.clock.advance(Duration.ofSeconds(10));
        server.receive(masked(0x8a, new byte[0]));
        assertThat(server.connection.nextWakeUp()).as("idle counts from the last input")
                .isEqualTo(server.clock.getAsLong() + idle.toNanos());
        server.clock.advance(idle);
        server.connection.wakeUp();
        assertThat(server.writtenHex()).as("the pong proved it alive, so another ping").isEqualTo("890132");
        server.connection.socket().sendBinary(ByteBuffer.allocate(10_000));
        server.clock.advance(idle);
        server.connection.wakeUp();
        assertThat(server.events.take()).containsExactly("pong:", "error:KEEPALIVE_TIMEOUT", "close:1006:");
        assertThat(server.connection.socket().pendingOutboundBytes()).as("what waited for a dead peer is freed").isZero();
        assertThat(server.written()).as("a silent peer gets no close frame").isEmpty();
        assertThat(server.connection.transportEnd()).isEqualTo(TransportEnd.ABORT);
    }

    /**
     * A message has the message timeout from its first byte to its last, however it trickles:
     * each byte proves the peer alive (keepalive) but does not buy the message more time.
     */
    @Test
    void aMessageThatTricklesPastTheMessageTimeoutIsClosedWith1008() {
        Duration limit = Duration.ofSeconds(10);
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.builder().messageTimeout(limit).build());
        assertThat(server.connection.nextWakeUp()).as("no message under way").isEqualTo(Long.MAX_VALUE);
        byte[] first = masked(0x01, "Hel");
        server.receive(first);
        assertThat(server.connection.nextWakeUp()).isEqualTo(server.clock.getAsLong() + limit.toNanos());
        byte[] last = masked(0x80, "lo");
        for (int i = 0; i < last.length - 1; i++) {
            server.clock.advance(Duration.ofSeconds(1));
            server.receive(new byte[] {last[i]});
        }
        assertThat(server.connection.nextWakeUp()).as("trickling buys no time")
                .isEqualTo(server.clock.getAsLong() + limit.minusSeconds(last.length - 1).toNanos());
        server.clock.advance(limit.minusSeconds(last.length - 1));
        server.connection.wakeUp();
        assertThat(server.events.take()).containsExactly("error:MESSAGE_TIMEOUT", "close:1008:");
        assertThat(server.writtenHex()).startsWith("88").contains(RecordingHandler.hex(
                ByteBuffer.wrap(ProtocolViolation.MESSAGE_TIMEOUT.description().getBytes(StandardCharsets.UTF_8))));
        assertThat(server.connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
    }

    @Test
    void aMessageThatCompletesInTimeStopsTheClockAndTheNextStartsItAgain() {
        Duration limit = Duration.ofSeconds(10);
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.builder().messageTimeout(limit).build());
        byte[] hello = masked(0x81, "Hello");
        server.receive(Arrays.copyOf(hello, 3));
        server.clock.advance(limit.minusNanos(1));
        server.receive(Arrays.copyOfRange(hello, 3, hello.length));
        assertThat(server.events.take()).containsExactly("text:Hello");
        assertThat(server.connection.nextWakeUp()).isEqualTo(Long.MAX_VALUE);
        server.receive(Arrays.copyOf(hello, 1));
        assertThat(server.connection.nextWakeUp()).as("a frame's first header byte starts the clock")
                .isEqualTo(server.clock.getAsLong() + limit.toNanos());
    }

    @Test
    void theMessageTimeoutWaitsWhileTheApplicationHoldsReadingPaused() {
        Duration limit = Duration.ofSeconds(10);
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.builder().messageTimeout(limit).build());
        server.receive(masked(0x01, "Hel"));
        server.connection.socket().pause();
        assertThat(server.connection.nextWakeUp()).isEqualTo(Long.MAX_VALUE);
        server.clock.advance(limit.multipliedBy(3));
        server.connection.wakeUp();
        assertThat(server.events.take()).as("no timeout while paused").isEmpty();
        server.connection.socket().resume();
        assertThat(server.connection.nextWakeUp()).as("its whole time again from the resume")
                .isEqualTo(server.clock.getAsLong() + limit.toNanos());
    }

    @Test
    void dropsAPeerWhoseUnwrittenBytesPassTheOutboundLimit() {
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.builder().maxOutboundBytes(1000).build());
        server.connection.socket().sendBinary(ByteBuffer.allocate(500));
        assertThat(server.connection.checkOutboundBacklog(496)).as("a 504-byte frame + 496 is within the limit").isFalse();
        assertThat(server.connection.checkOutboundBacklog(497)).isTrue();
        assertThat(server.events.take()).containsExactly("error:OUTBOUND_LIMIT_EXCEEDED", "close:1006:");
        assertThat(server.connection.transportEnd()).isEqualTo(TransportEnd.ABORT);
        assertThat(server.connection.socket().pendingOutboundBytes()).as("what waited for a dead peer is freed").isZero();
        assertThat(server.connection.checkOutboundBacklog(10_000)).as("reported once").isFalse();
    }

    @Test
    void answersOnlyTheNewestPingWhilePongsAreUnwritten() {
        ServerUnderTest server = new ServerUnderTest().receive(masked(0x89, "1"), masked(0x89, "2"), masked(0x89, "3"));
        assertThat(server.events.take()).containsExactly("ping:31", "ping:32", "ping:33");
        assertThat(hex(server.written())).isEqualTo(hex(unmasked(0x8a, "3")));
    }

    @Test
    void aHandlerExceptionClosesWith1011AndTellsThePeerNothing() {
        RecordingHandler recorder = new RecordingHandler();
        WebSocketEngine connection = WebSocketEngine.server(WebSocketConfig.defaults(), new WebSocketHandler() {
            @Override
            public void onText(WebSocket socket, String text) {
                throw new IllegalStateException("application bug");
            }

            @Override
            public void onError(WebSocket socket, WebSocketException error) {
                recorder.onError(socket, error);
            }
        }, new TestClock());
        connection.receive(ByteBuffer.wrap(Rfc6455Examples.OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII)));
        connection.pollOutbound();
        connection.receive(ByteBuffer.wrap(maskedHello()));
        assertThat(recorder.take()).containsExactly("error:INTERNAL_ERROR");
        assertThat(recorder.errors().get(0).getCause()).hasMessage("application bug");
        assertThat(hex(drain(connection))).isEqualTo("880203f3");
    }

    @Test
    void pauseStopsAtTheNextUnreadByteAndResumeGoesOn() {
        RecordingHandler recorder = new RecordingHandler();
        WebSocketEngine connection = WebSocketEngine.server(WebSocketConfig.defaults(), new WebSocketHandler() {
            @Override
            public void onText(WebSocket socket, String text) {
                recorder.onText(socket, text);
                socket.pause();
            }
        }, new TestClock());
        connection.receive(ByteBuffer.wrap(Rfc6455Examples.OPENING_REQUEST.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer in = ByteBuffer.wrap(concat(masked(0x81, "one"), masked(0x81, "two")));
        connection.receive(in);
        assertThat(recorder.take()).containsExactly("text:one");
        assertThat(in.remaining()).isEqualTo(masked(0x81, "two").length);
        connection.socket().resume();
        connection.receive(in);
        assertThat(recorder.take()).containsExactly("text:two");
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void unmasksAReadOnlyBufferThroughACopy() {
        ServerUnderTest server = new ServerUnderTest();
        ByteBuffer readOnly = ByteBuffer.wrap(maskedHello()).asReadOnlyBuffer();
        server.connection.receive(readOnly);
        assertThat(readOnly.hasRemaining()).isFalse();
        assertThat(server.events.take()).containsExactly("text:Hello");
    }

    @Test
    void streamsFragmentsWhenAskedTo() {
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.builder().delivery(MessageDelivery.FRAGMENTS).build())
                .receive(masked(0x01, "Hel"), masked(0x80, "lo"), masked(0x02, bytes(1, 2)), masked(0x80, new byte[0]));
        assertThat(server.events.take()).containsExactly(
                "textFragment:Hel", "textFragment:lo:last", "binaryFragment:0102", "binaryFragment::last");
    }

    @Test
    void streamedMessagesAreNotBoundByTheMessageLimit() {
        WebSocketConfig config = WebSocketConfig.builder().delivery(MessageDelivery.FRAGMENTS).maxMessageSize(4).build();
        ServerUnderTest server = new ServerUnderTest(config).receive(masked(0x02, bytes(1, 2, 3)), masked(0x80, bytes(4, 5, 6)));
        assertThat(server.events.take()).containsExactly("binaryFragment:010203", "binaryFragment:040506:last");
    }

    @Test
    void splitsOutgoingMessagesAtTheConfiguredFrameSize() {
        ServerUnderTest server = new ServerUnderTest(WebSocketConfig.builder().maxOutgoingFrameSize(2).build());
        server.connection.socket().sendText("Hello");
        assertThat(server.writtenHex()).isEqualTo(hex(concat(unmasked(0x01, "He"), unmasked(0x00, "ll"), unmasked(0x80, "o"))));
    }

    @Test
    void sendsMessagesInPiecesAsContinuations() {
        ServerUnderTest server = new ServerUnderTest();
        server.connection.socket().sendBinary(ByteBuffer.wrap(bytes(1)), false);
        server.connection.socket().sendPing(ByteBuffer.allocate(0));
        server.connection.socket().sendBinary(ByteBuffer.wrap(bytes(2)), true);
        assertThat(server.writtenHex()).isEqualTo("020101" + "8900" + "800102");
    }

    @Test
    void refusesToInterleaveTwoMessagesBeingSentInPieces() {
        ServerUnderTest server = new ServerUnderTest();
        server.connection.socket().sendText("a", false);
        assertThatThrownBy(() -> server.connection.socket().sendBinary(ByteBuffer.allocate(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("§5.4");
    }

    @Test
    void refusesDataAfterItsOwnCloseWithoutThrowing() {
        ServerUnderTest server = new ServerUnderTest();
        server.connection.socket().close();
        server.written();
        assertThat(server.connection.socket().sendText("late")).isFalse();
        assertThat(server.connection.socket().sendBinary(ByteBuffer.allocate(1))).isFalse();
        assertThat(server.connection.socket().transferBinary(ByteBuffer.allocate(1))).isFalse();
        assertThat(server.connection.socket().sendPing(ByteBuffer.allocate(0))).isFalse();
        assertThat(server.connection.socket().sendPong(ByteBuffer.allocate(0))).isFalse();
        assertThat(server.written()).isEmpty();
        assertThat(server.events.take()).as("a refused send is no error").isEmpty();
    }

    @Test
    void refusesDataAfterThePeersCloseWithoutThrowing() {
        ServerUnderTest server = new ServerUnderTest().receive(masked(0x88, closePayload(1000, "")));
        server.events.take();
        server.written();
        assertThat(server.connection.socket().sendText("late")).isFalse();
        assertThat(server.written()).isEmpty();
    }

    @Test
    void refusesTextThatIsNotWellFormedUtf16AtTheCallSite() {
        ServerUnderTest server = new ServerUnderTest();
        assertThatThrownBy(() -> server.connection.socket().sendText("a\ud800b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1");
        assertThatThrownBy(() -> server.connection.socket().sendText("\udc00")).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.written()).as("nothing sent, not even a '?'").isEmpty();
        server.connection.socket().sendText("still fine");
        assertThat(server.writtenHex()).isEqualTo("810a" + hex("still fine".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void encodesASurrogatePairSplitBetweenTwoPiecesWhole() {
        ServerUnderTest server = new ServerUnderTest();
        server.connection.socket().sendText("a\ud83d", false);
        server.connection.socket().sendText("\ude00", true);
        // U+1F600 is f0 9f 98 80; the first frame holds "a", the continuation the whole pair.
        assertThat(server.writtenHex()).isEqualTo("010161" + "8004f09f9880");
    }

    @Test
    void throwsOnASendBeforeTheOpen() {
        WebSocketEngine connection = WebSocketEngine.server(WebSocketConfig.defaults(), new RecordingHandler(), new TestClock());
        assertThatThrownBy(() -> connection.socket().sendText("early")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void checksAControlPayloadEvenWhenTheSendWouldBeRefused() {
        ServerUnderTest server = new ServerUnderTest();
        server.connection.socket().close();
        assertThatThrownBy(() -> server.connection.socket().sendPing(ByteBuffer.allocate(126))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToSendWhatTheRfcForbids() {
        ServerUnderTest server = new ServerUnderTest();
        assertThatThrownBy(() -> server.connection.socket().sendPing(ByteBuffer.allocate(126)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.connection.socket().close(1005, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.connection.socket().close(1000, "x".repeat(124))).isInstanceOf(IllegalArgumentException.class);
        server.connection.socket().close(1000, "x".repeat(123));
        assertThat(server.written()).hasSize(2 + 125);
    }

    @Test
    void sendsUnmaskedFramesWithTheMinimalLengthEncoding() {
        ServerUnderTest server = new ServerUnderTest();
        for (int length : new int[] {0, 125, 126, 65535, 65536}) {
            server.connection.socket().sendBinary(ByteBuffer.allocate(length));
            byte[] frame = server.written();
            int headerLength = length <= 125 ? 2 : length <= 65535 ? 4 : 10;
            assertThat(frame).hasSize(headerLength + length);
            assertThat(frame[1] & 0x80).as("server frames are never masked").isZero();
            assertThat(frame[1] & 0x7f).isEqualTo(length <= 125 ? length : length <= 65535 ? 126 : 127);
        }
    }
}
