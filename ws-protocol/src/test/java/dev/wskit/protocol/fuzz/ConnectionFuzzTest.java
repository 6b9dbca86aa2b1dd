package dev.wskit.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.MessageDelivery;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.Rfc6455Examples;
import dev.wskit.protocol.Role;
import dev.wskit.protocol.TransportEnd;
import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.frame.ClosePayload;
import dev.wskit.protocol.frame.FrameDecoder;
import dev.wskit.protocol.frame.FrameHeader;
import dev.wskit.protocol.frame.Opcode;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.http.internal.HttpHeadParser;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Jazzer target for the whole engine, {@link WebSocketEngine}, in both roles: a valid opening
 * handshake (RFC 6455 §1.3; with permessage-deflate, RFC 7692, when the fuzzer asks) followed by
 * the fuzzer's bytes. {@code receive} never throws and never fails internally (1011); whole, byte
 * by byte or cut anywhere, the handler sees the same events and the peer gets the same bytes;
 * after a violation the connection is CLOSED and asks to close TCP; at most one close frame is
 * sent, and exactly one when a close is owed (RFC 6455 §5.5.1, §7.1.7); queued output stays
 * within one handshake, one pong and one close; no read allocates beyond the configured limits.
 *
 * <p>Input, as {@link FuzzedDataProvider} reads it (choices from the end): last byte bit 0,
 * permessage-deflate on; the byte before, bit 0, {@link MessageDelivery#FRAGMENTS}; the byte
 * before, the buffer kind ({@link Reads}); the 8 bytes before, the seed of the fuzzer's cut;
 * everything before that, the bytes that follow the handshake.
 */
class ConnectionFuzzTest {
    private static final int LIMIT = 64 * 1024;
    /** Low, so that inputs of a fuzzer's length reach it. */
    private static final int FRAGMENT_LIMIT = 16;
    private static final int MAX_HANDSHAKE_BYTES = 1024;
    /** RFC 6455 §5.5.3: only the newest unwritten pong waits, so a ping flood cannot grow the queue. */
    private static final long MAX_PENDING_OUTBOUND =
            MAX_HANDSHAKE_BYTES + 2L * (FrameHeader.MAX_HEADER_LENGTH + FrameHeader.MAX_CONTROL_PAYLOAD);
    /**
     * What one {@code receive} may allocate: per event and once more for a message still being
     * reassembled, a generous multiple of the message limit (the buffer doubling up to it, the
     * decoded text, the handler's copy); per byte read, small change. A buffer sized by a peer's
     * length field, or by a default limit instead of the configured one, is far above this.
     */
    private static final long ALLOCATION_PER_EVENT = 16L * LIMIT;
    private static final long ALLOCATION_PER_BYTE = 256;

    private static final String DEFLATE_OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";
    private static final String DEFLATE_ANSWER = "Sec-WebSocket-Extensions: permessage-deflate\r\n";

    @FuzzTest
    void serverGivesDefinedOutcomesForAnyBytesAfterTheOpeningRequest(FuzzedDataProvider data) {
        fuzz(Role.SERVER, data);
    }

    @FuzzTest
    void clientGivesDefinedOutcomesForAnyBytesAfterTheOpeningResponse(FuzzedDataProvider data) {
        fuzz(Role.CLIENT, data);
    }

    private static void fuzz(Role role, FuzzedDataProvider data) {
        Setup setup = new Setup(role, data.consumeBoolean(), data.consumeBoolean()
                ? MessageDelivery.FRAGMENTS : MessageDelivery.WHOLE, Reads.pickedBy(data.consumeByte(), false));
        long cutSeed = data.consumeLong();
        byte[] afterHandshake = data.consumeRemainingAsBytes();
        byte[] stream = Rfc6455Examples.concat(setup.handshake(), afterHandshake);

        Outcome whole = new Session(setup).run(Cuts.whole(stream), false);
        Outcome byteByByte = new Session(setup).run(Cuts.byteByByte(stream), false);
        if (!whole.failedWhileInflatingUnlike(byteByByte)) {
            assertEquals(whole.events(), byteByByte.events(), "events, byte by byte");
            assertArrayEquals(whole.written(), byteByByte.written(), "bytes written, byte by byte");
        }
        // Writing after each read lets a pong go out before a newer ping replaces it, so only the
        // events must match here; the bytes are checked by the rules in Session.checkWritten.
        Outcome cut = new Session(setup).run(Cuts.chosenBy(cutSeed, stream), true);
        if (!whole.failedWhileInflatingUnlike(cut)) {
            assertEquals(whole.events(), cut.events(), "events, cut where the fuzzer chose");
        }
    }

    private record Setup(Role role, boolean deflate, MessageDelivery delivery, Reads reads) {
        WebSocketConfig config() {
            return WebSocketConfig.builder()
                    .maxHandshakeBytes(MAX_HANDSHAKE_BYTES)
                    .maxFramePayload(LIMIT)
                    .maxMessageSize(LIMIT)
                    .maxFragmentsPerMessage(FRAGMENT_LIMIT)
                    .delivery(delivery)
                    .random(new FixedNonce())
                    .perMessageDeflate(deflate ? PerMessageDeflateConfig.defaults() : null)
                    .build();
        }

        /** The RFC 6455 §1.3 request or response, with permessage-deflate when on. */
        byte[] handshake() {
            String head = role == Role.SERVER ? Rfc6455Examples.OPENING_REQUEST : Rfc6455Examples.OPENING_RESPONSE;
            if (deflate) {
                String extension = role == Role.SERVER ? DEFLATE_OFFER : DEFLATE_ANSWER;
                head = head.substring(0, head.length() - 2) + extension + "\r\n";
            }
            return head.getBytes(StandardCharsets.ISO_8859_1);
        }

        WebSocketEngine connect(WebSocketHandler handler) {
            WebSocketConfig config = config();
            if (role == Role.SERVER) {
                return WebSocketEngine.server(config, handler, new dev.wskit.protocol.TestClock());
            }
            ClientHandshake handshake = ClientHandshake.builder(URI.create("ws://server.example.com/chat")).build(config);
            return WebSocketEngine.client(handshake, config, handler, new dev.wskit.protocol.TestClock());
        }
    }

    /**
     * The rules a compressed message can break while it is inflated. {@link java.util.zip.Inflater}
     * drops what it inflated in the call that meets bad data, so for a message that breaks
     * several of them, which one is met first depends on how the payload was cut into reads.
     */
    private static final Set<ProtocolViolation> FOUND_WHILE_INFLATING = EnumSet.of(
            ProtocolViolation.INVALID_COMPRESSED_DATA, ProtocolViolation.INVALID_UTF8, ProtocolViolation.MESSAGE_TOO_BIG);

    private record Outcome(List<String> events, byte[] written, ProtocolViolation violation) {
        /**
         * Whether both failed in the same compressed message, on different rules of
         * {@link #FOUND_WHILE_INFLATING}; then only the events before the failure must match.
         */
        boolean failedWhileInflatingUnlike(Outcome other) {
            if (violation == other.violation || !FOUND_WHILE_INFLATING.contains(violation)
                    || !FOUND_WHILE_INFLATING.contains(other.violation)) {
                return false;
            }
            assertEquals(eventsBeforeFailure(), other.eventsBeforeFailure(), "events before the failure");
            return true;
        }

        private List<String> eventsBeforeFailure() {
            return events.subList(0, events.indexOf("error " + violation));
        }
    }

    /** One connection fed one cut of the stream. */
    private static final class Session {
        private final Setup setup;
        private final Recorder recorder = new Recorder();
        private final WebSocketEngine connection;
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();

        Session(Setup setup) {
            this.setup = setup;
            this.connection = setup.connect(recorder);
        }

        Outcome run(List<byte[]> pieces, boolean writeAfterEachRead) {
            for (byte[] piece : pieces) {
                receive(setup.reads().wrap(piece));
                if (writeAfterEachRead) {
                    drain();
                }
            }
            drain();
            checkWritten(written.toByteArray());
            boolean opened = recorder.events.contains("open");
            connection.transportClosed();
            assertTrue(connection.transportEnd() != TransportEnd.NONE, "TCP left open after its end");
            assertEquals(ConnectionState.CLOSED, connection.socket().state());
            if (opened) {
                assertEquals(1, recorder.events.stream().filter(e -> e.startsWith("close ")).count(),
                        () -> "onClose not called exactly once: " + recorder.events);
            }
            WebSocketException error = recorder.error;
            return new Outcome(List.copyOf(recorder.events), written.toByteArray(), error == null ? null : error.violation());
        }

        private void receive(ByteBuffer in) {
            int bytes = in.remaining();
            int eventsBefore = recorder.events.size();
            long allocatedBefore = Allocations.byThisThread();
            long classes = Allocations.classesLoaded();
            connection.receive(in);
            long allocated = Allocations.byThisThread() - allocatedBefore;
            int events = recorder.events.size() - eventsBefore;
            assertTrue(allocated <= ALLOCATION_PER_EVENT * (events + 1) + ALLOCATION_PER_BYTE * bytes
                            || Allocations.classesLoaded() != classes,
                    () -> "receive of " + bytes + " bytes raising " + events + " events allocated " + allocated + " bytes");
            assertFalse(in.hasRemaining(), "receive left bytes unread without a pause");
            assertTrue(connection.socket().pendingOutboundBytes() <= MAX_PENDING_OUTBOUND,
                    () -> "queued output grew to " + connection.socket().pendingOutboundBytes() + " bytes");
            WebSocketException error = recorder.error;
            if (error != null) {
                if (error.violation() == ProtocolViolation.INTERNAL_ERROR) {
                    throw new AssertionError("the engine failed internally: " + error.getMessage(), error.getCause());
                }
                assertEquals(ConnectionState.CLOSED, connection.socket().state(), "state after a violation");
                assertTrue(connection.transportEnd() != TransportEnd.NONE, "TCP left open after a violation");
                assertTrue(error.violation() == connection.failure().violation(), "failure() differs from onError");
            }
        }

        private void drain() {
            for (ByteBuffer out; (out = connection.pollOutbound()) != null; ) {
                byte[] bytes = new byte[out.remaining()];
                out.get(bytes);
                written.writeBytes(bytes);
            }
            assertEquals(0, connection.socket().pendingOutboundBytes(), "pending count after draining");
        }

        /**
         * What went to the peer: our handshake message, then only control frames we owe (the
         * handler sends nothing), valid for the peer's decoder, with at most one close frame and
         * nothing after it (RFC 6455 §5.5.1); exactly one when a close was received or a rule
         * broken (RFC 6455 §7.1.7), carrying the violation's code.
         */
        private void checkWritten(byte[] bytes) {
            ByteBuffer out = ByteBuffer.wrap(bytes);
            HttpHeadParser head = setup.role() == Role.SERVER
                    ? HttpHeadParser.forResponses(MAX_HANDSHAKE_BYTES) : HttpHeadParser.forRequests(MAX_HANDSHAKE_BYTES);
            assertTrue(head.parse(out), "our handshake message is incomplete");
            if (setup.role() == Role.SERVER) {
                assertEquals(101, head.response().status());
            }
            Role peer = setup.role() == Role.SERVER ? Role.CLIENT : Role.SERVER;
            FrameDecoder frames = new FrameDecoder(peer, FrameHeader.MAX_CONTROL_PAYLOAD);
            List<Integer> closeCodes = new ArrayList<>();
            byte[] control = new byte[FrameHeader.MAX_CONTROL_PAYLOAD];
            int controlLength = 0;
            while (true) {
                FrameDecoder.Step step = frames.next(out);
                if (step == FrameDecoder.Step.NEED_MORE) {
                    break;
                }
                if (step == FrameDecoder.Step.HEADER) {
                    assertTrue(closeCodes.isEmpty(), "a frame after our close frame");
                    assertTrue(frames.opcode() == Opcode.PONG || frames.opcode() == Opcode.CLOSE,
                            () -> "we sent opcode " + frames.opcode() + " though the handler sent nothing");
                    controlLength = 0;
                } else if (step == FrameDecoder.Step.PAYLOAD) {
                    out.get(frames.chunkStart(), control, controlLength, frames.chunkEnd() - frames.chunkStart());
                    controlLength += frames.chunkEnd() - frames.chunkStart();
                } else if (frames.opcode() == Opcode.CLOSE) {
                    closeCodes.add(ClosePayload.parse(control, controlLength).code());
                }
            }
            assertEquals(0, frames.payloadRemaining(), "our last frame is cut short");
            WebSocketException error = recorder.error;
            boolean closeOwed = error != null || recorder.peerClosed;
            assertEquals(closeOwed ? 1 : 0, closeCodes.size(), () -> "close frames sent: " + closeCodes);
            if (error != null) {
                assertNotEquals(ProtocolViolation.INTERNAL_ERROR, error.violation());
                assertEquals(List.of(error.closeCode()), closeCodes, "close code sent for " + error.violation());
            }
        }
    }

    /**
     * Records events as short lines: messages by length and CRC-32 of their UTF-8 or binary
     * bytes, so whole and fragmented deliveries record alike. Fails on events out of order.
     */
    private static final class Recorder implements WebSocketHandler {
        final List<String> events = new ArrayList<>();
        WebSocketException error;
        boolean peerClosed;
        private boolean closed;
        private final CRC32 fragments = new CRC32();
        private long fragmentBytes;

        private void add(String event) {
            if (closed) {
                fail("event after onClose: " + event);
            }
            events.add(event);
        }

        @Override
        public void onOpen(WebSocket socket) {
            assertTrue(events.isEmpty(), "onOpen after other events");
            add("open");
        }

        @Override
        public void onText(WebSocket socket, String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            assertTrue(utf8.length <= LIMIT, "text message above the limit delivered");
            add(message("text", ByteBuffer.wrap(utf8)));
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            assertTrue(data.remaining() <= LIMIT, "binary message above the limit delivered");
            add(message("binary", data));
        }

        @Override
        public void onTextFragment(WebSocket socket, ByteBuffer utf8, boolean last) {
            fragment("text", utf8, last);
        }

        @Override
        public void onBinaryFragment(WebSocket socket, ByteBuffer data, boolean last) {
            fragment("binary", data, last);
        }

        private void fragment(String kind, ByteBuffer piece, boolean last) {
            fragmentBytes += piece.remaining();
            fragments.update(piece.duplicate());
            if (last) {
                add(kind + " " + fragmentBytes + " bytes, crc " + fragments.getValue());
                fragments.reset();
                fragmentBytes = 0;
            }
        }

        private static String message(String kind, ByteBuffer data) {
            CRC32 crc = new CRC32();
            crc.update(data.duplicate());
            return kind + " " + data.remaining() + " bytes, crc " + crc.getValue();
        }

        @Override
        public void onPing(WebSocket socket, ByteBuffer payload) {
            add("ping " + hex(payload));
        }

        @Override
        public void onPong(WebSocket socket, ByteBuffer payload) {
            add("pong " + hex(payload));
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            peerClosed = error == null && code != 1006;
            add("close " + code + " " + reason);
            closed = true;
        }

        @Override
        public void onError(WebSocket socket, WebSocketException e) {
            assertTrue(error == null, "a second onError");
            error = e;
            add("error " + e.violation());
        }

        private static String hex(ByteBuffer payload) {
            byte[] bytes = new byte[payload.remaining()];
            payload.duplicate().get(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }
}
