package dev.wskit.testkit.kit;

import static dev.wskit.protocol.ProtocolViolation.*;
import static dev.wskit.testkit.kit.RawPeer.hex;
import static dev.wskit.testkit.kit.RawPeer.masked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Peers that break the rules, over a raw socket: each gets its exact answer (the HTTP status of a
 * bad handshake, the close code and reason of a bad frame) and is disconnected, while a healthy
 * connection to the same server goes on echoing.
 */
public interface BadPeerCases extends TransportCases {
    int MAX_FRAME_PAYLOAD = 1024;
    /** Short, yet long enough for the healthy neighbour's handshake on a loaded two-core machine. */
    Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(1);

    /** A frame a client must not send, and the close code the server answers it with. */
    record BadFrame(String name, byte[] bytes, int code, ProtocolViolation violation) {
        @Override
        public String toString() {
            return name;
        }
    }

    List<BadFrame> BAD_FRAMES = List.of(
            new BadFrame("unmasked", RawPeer.unmasked(0x81, "Hello".getBytes(StandardCharsets.UTF_8)), 1002, UNMASKED_CLIENT_FRAME),
            new BadFrame("RSV1 without an extension", masked(0xc1, "Hello"), 1002, RESERVED_BITS_SET),
            new BadFrame("reserved opcode 3", masked(0x83, ""), 1002, RESERVED_OPCODE),
            new BadFrame("ping without FIN", masked(0x09, ""), 1002, FRAGMENTED_CONTROL_FRAME),
            new BadFrame("ping of 126 bytes", masked(0x89, new byte[126]), 1002, CONTROL_FRAME_TOO_LONG),
            new BadFrame("continuation first", masked(0x80, "x"), 1002, CONTINUATION_WITHOUT_START),
            new BadFrame("text inside a fragmented text", concat(masked(0x01, "a"), masked(0x81, "b")), 1002,
                    DATA_FRAME_INSIDE_MESSAGE),
            new BadFrame("5 bytes with a 16-bit length", concat(new byte[] {(byte) 0x82, (byte) 0xfe, 0, 5, 1, 2, 3, 4},
                    new byte[5]), 1002, NON_MINIMAL_LENGTH),
            new BadFrame("64-bit length with its top bit set", new byte[] {(byte) 0x82, (byte) 0xff, (byte) 0x80, 0, 0, 0,
                    0, 0, 0, 0, 1, 2, 3, 4}, 1002, PAYLOAD_LENGTH_TOP_BIT_SET),
            new BadFrame("frame above maxFramePayload", masked(0x82, new byte[MAX_FRAME_PAYLOAD + 1]), 1009, FRAME_TOO_BIG),
            new BadFrame("invalid UTF-8", masked(0x81, new byte[] {'o', 'k', (byte) 0xc3, 0x28}), 1007, INVALID_UTF8),
            new BadFrame("close of one byte", masked(0x88, new byte[] {3}), 1002, CLOSE_PAYLOAD_ONE_BYTE),
            new BadFrame("close code 1005", masked(0x88, RawPeer.closePayload(1005, "")), 1002, INVALID_CLOSE_CODE),
            new BadFrame("close reason not UTF-8", masked(0x88, new byte[] {3, (byte) 0xe8, (byte) 0xc3, 0x28}), 1007,
                    INVALID_CLOSE_REASON));

    /** An opening request that breaks a rule, and the status line it is answered with. */
    record BadRequest(String name, String request, String statusLine, ProtocolViolation violation) {
        @Override
        public String toString() {
            return name;
        }
    }

    List<BadRequest> BAD_REQUESTS = List.of(
            new BadRequest("version 12", RawPeer.UPGRADE.replace("Version: 13", "Version: 12"),
                    "HTTP/1.1 426 Upgrade Required", UNSUPPORTED_VERSION),
            new BadRequest("not HTTP", "HELLO\r\n\r\n", "HTTP/1.1 400 Bad Request", MALFORMED_REQUEST),
            new BadRequest("POST", RawPeer.UPGRADE.replace("GET ", "POST "), "HTTP/1.1 405 Method Not Allowed", METHOD_NOT_GET),
            new BadRequest("HTTP/1.0", RawPeer.UPGRADE.replace("HTTP/1.1", "HTTP/1.0"), "HTTP/1.1 400 Bad Request",
                    HTTP_VERSION_TOO_OLD),
            new BadRequest("no Host", RawPeer.UPGRADE.replace("Host: 127.0.0.1\r\n", ""), "HTTP/1.1 400 Bad Request",
                    MISSING_HOST),
            new BadRequest("no Upgrade", RawPeer.UPGRADE.replace("Upgrade: websocket\r\n", ""),
                    "HTTP/1.1 426 Upgrade Required", MISSING_UPGRADE_WEBSOCKET),
            new BadRequest("no Connection: Upgrade", RawPeer.UPGRADE.replace("Connection: Upgrade\r\n", ""),
                    "HTTP/1.1 400 Bad Request", MISSING_CONNECTION_UPGRADE),
            new BadRequest("a key of 15 bytes", RawPeer.UPGRADE.replace("dGhlIHNhbXBsZSBub25jZQ==", "AAAAAAAAAAAAAAAAAAAA"),
                    "HTTP/1.1 400 Bad Request", INVALID_KEY),
            new BadRequest("a head above maxHandshakeBytes", RawPeer.UPGRADE.replace("\r\n\r\n",
                    "\r\nX-Filler: " + "a".repeat(9000) + "\r\n\r\n"), "HTTP/1.1 431 Request Header Fields Too Large",
                    REQUEST_HEADER_TOO_LARGE));

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.wskit.testkit.kit.BadPeerCases#BAD_FRAMES")
    default void aBadFrameIsAnsweredWithItsCloseCodeThenEof(BadFrame bad, Kit kit) throws Exception {
        Neighbourhood served = Neighbourhood.start(kit);
        RawPeer peer = kit.rawUpgraded(served.server.port());
        Recorder serverSide = served.server.nextOpenConnection();
        peer.write(bad.bytes());
        assertThat(hex(peer.readToEnd())).isEqualTo(hex(RawPeer.serverClose(bad.code(), bad.violation().description())));
        assertThat(peer.endedByReset()).as("a graceful end: the close frame, then a FIN").isFalse();
        serverSide.expect("error:" + bad.violation(), "close:" + bad.code() + ":");
        served.assertNeighbourStillEchoes();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("dev.wskit.testkit.kit.BadPeerCases#BAD_REQUESTS")
    default void aBadOpeningRequestIsAnsweredWithItsStatusThenEof(BadRequest bad, Kit kit) throws Exception {
        Neighbourhood served = Neighbourhood.start(kit);
        RawPeer peer = kit.raw(served.server.port());
        peer.write(bad.request());
        String answer = new String(peer.readToEnd(), StandardCharsets.US_ASCII);
        assertThat(peer.endedByReset()).as("a graceful end: the whole response, then a FIN").isFalse();
        assertThat(answer).startsWith(bad.statusLine() + "\r\n").contains("\r\nConnection: ")
                .endsWith("\r\n\r\n" + bad.violation().description() + "\n");
        if (bad.statusLine().contains(" 426 ")) {
            assertThat(answer).contains("\r\nSec-WebSocket-Version: 13\r\n");
        }
        served.server.nextConnection().expect("error:" + bad.violation());
        served.assertNeighbourStillEchoes();
    }

    @Test
    default void aPeerThatStallsInItsOpeningRequestIsDroppedWithoutAWord(Kit kit) throws Exception {
        Neighbourhood served = Neighbourhood.start(kit);
        RawPeer peer = kit.raw(served.server.port());
        peer.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        // Nothing is owed to a peer that never finished its request: a reset, no bytes.
        assertThat(peer.readToEnd()).isEmpty();
        assertThat(peer.endedByReset()).as("aborted: a reset").isTrue();
        served.server.nextConnection().expect("error:HANDSHAKE_TIMEOUT");
        served.assertNeighbourStillEchoes();
    }

    /** A peer that starts a message and never finishes it holds nothing past the message timeout. */
    @Test
    default void aMessageLeftUnfinishedIsClosedWith1008AtTheMessageTimeout(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(WebSocketConfig.builder().messageTimeout(Duration.ofMillis(500)).build());
        RawPeer peer = kit.rawUpgraded(server.port());
        Recorder serverSide = server.nextOpenConnection();
        peer.write(RawPeer.masked(0x01, "Hel"));
        assertThat(hex(peer.readToEnd()))
                .isEqualTo(hex(RawPeer.serverClose(1008, ProtocolViolation.MESSAGE_TIMEOUT.description())));
        assertThat(peer.endedByReset()).as("a graceful end: the close frame, then a FIN").isFalse();
        serverSide.expect("error:MESSAGE_TIMEOUT", "close:1008:");
    }

    @Test
    default void aPeerThatDisconnectsInTheMiddleOfAFrameLeaves1006(Kit kit) throws Exception {
        Neighbourhood served = Neighbourhood.start(kit);
        RawPeer peer = kit.rawUpgraded(served.server.port());
        Recorder serverSide = served.server.nextOpenConnection();
        peer.write(Arrays.copyOf(masked(0x82, new byte[100]), 40));
        peer.close();
        serverSide.expect("close:1006:");
        served.assertNeighbourStillEchoes();
    }

    @Test
    default void pingsBetweenFragmentsAreAnsweredAndTheMessageJoined(Kit kit) throws Exception {
        Neighbourhood served = Neighbourhood.start(kit);
        RawPeer peer = kit.rawUpgraded(served.server.port());
        Recorder serverSide = served.server.nextOpenConnection();
        peer.write(masked(0x01, "Hel"));
        peer.write(masked(0x89, "p"));
        peer.write(masked(0x80, "lo"));
        peer.write(masked(0x88, RawPeer.closePayload(1000, "")));
        // The pong (RFC 6455 §5.5.2), the echo, then the close echoed and the end: server frames unmasked.
        assertThat(hex(peer.readToEnd())).isEqualTo("8a0170" + "810548656c6c6f" + "880203e8");
        assertThat(peer.endedByReset()).as("the server closes first, with a FIN (RFC 6455 §7.1.1)").isFalse();
        serverSide.expect("ping:p");
        serverSide.expectText("Hello");
        serverSide.expect("close:1000:");
        served.assertNeighbourStillEchoes();
    }

    /** About 6 KB, under maxHandshakeBytes (8 KiB) but many times a first read; the frame after it is kept. */
    @Test
    default void aLongOpeningRequestAndTheFrameSentWithItAreBothRead(Kit kit) throws Exception {
        Neighbourhood served = Neighbourhood.start(kit);
        RawPeer peer = kit.raw(served.server.port());
        String request = RawPeer.UPGRADE.replace("\r\n\r\n", "\r\nX-Filler: " + "a".repeat(6000) + "\r\n\r\n");
        peer.write(concat(request.getBytes(StandardCharsets.US_ASCII), masked(0x81, "alive")));
        assertThat(peer.readHead()).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                .contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n");
        assertThat(hex(peer.readExactly(7))).isEqualTo("8105616c697665");
        Recorder serverSide = served.server.nextOpenConnection();
        serverSide.expectText("alive");
        served.assertNeighbourStillEchoes();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(first);
        both.writeBytes(second);
        return both.toByteArray();
    }

    /** A server for bad peers, and a healthy client of the same transport connected to it first. */
    final class Neighbourhood {
        final RecordingServer server;
        private final Recorder neighbour;
        private final Recorder neighbourServerSide;

        private Neighbourhood(RecordingServer server, Recorder neighbour, Recorder neighbourServerSide) {
            this.server = server;
            this.neighbour = neighbour;
            this.neighbourServerSide = neighbourServerSide;
        }

        static Neighbourhood start(Kit kit) throws Exception {
            RecordingServer server = kit.echoServer(WebSocketConfig.builder()
                    .handshakeTimeout(HANDSHAKE_TIMEOUT).maxFramePayload(MAX_FRAME_PAYLOAD).build());
            Recorder neighbour = kit.connect(server.uri());
            Neighbourhood served = new Neighbourhood(server, neighbour, server.nextOpenConnection());
            served.assertNeighbourStillEchoes();
            return served;
        }

        void assertNeighbourStillEchoes() throws InterruptedException {
            neighbour.socket().sendText("still here");
            neighbourServerSide.expectText("still here");
            neighbour.expectText("still here");
        }
    }
}
