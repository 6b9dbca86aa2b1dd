package dev.wskit.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.extension.DeflateParameters;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.extension.internal.DeflateNegotiation;
import dev.wskit.protocol.extension.internal.ExtensionOffer;
import dev.wskit.protocol.handshake.AcceptKey;
import dev.wskit.protocol.handshake.HandshakeDecision;
import dev.wskit.protocol.handshake.ServerHandshake;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpRequestHandler;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.http.internal.HttpHeadParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Jazzer target for the server's opening handshake: {@link HttpHeadParser#forRequests} (RFC 9112
 * §2–§5) then {@link ServerHandshake#decide} (RFC 6455 §4.2). However the bytes are cut, the
 * parser reaches the same request, or the same violation after the same number of bytes, and
 * never reads past the empty line or beyond its limit; a parsed request encodes back to itself;
 * every request gets exactly one answer, which our own response parser reads back, a 101 only
 * with the right {@code Sec-WebSocket-Accept} (RFC 6455 §4.2.2 item 5.4).
 *
 * <p>Input, as {@link FuzzedDataProvider} reads it (choices from the end): the last byte picks
 * the server's settings (bit 0 permessage-deflate, bit 1 subprotocols "chat" and "superchat",
 * bit 2 an origin policy allowing only {@code http://example.com}, bits 3–4 the plain-HTTP
 * handler: none, answering 200, answering {@code null}, throwing); the 8 bytes before, the seed of
 * the fuzzer's cut; everything before that, the request bytes.
 */
class ServerHandshakeFuzzTest {
    private static final int MAX_HANDSHAKE_BYTES = 1024;
    private static final Set<ProtocolViolation> PARSER_VIOLATIONS =
            Set.of(ProtocolViolation.MALFORMED_REQUEST, ProtocolViolation.REQUEST_HEADER_TOO_LARGE);

    @FuzzTest
    void serverAnswersAnyRequestBytesOnceAndTheSameHoweverTheyAreCut(FuzzedDataProvider data) {
        WebSocketConfig config = config(data.consumeByte());
        long cutSeed = data.consumeLong();
        byte[] wire = data.consumeRemainingAsBytes();

        List<List<byte[]>> cuts = Cuts.all(wire, cutSeed);
        Parsed parsed = parse(cuts.get(0), wire);
        for (List<byte[]> cut : cuts.subList(1, cuts.size())) {
            assertEquals(parsed, parse(cut, wire));
        }
        if (parsed.request() != null) {
            checkEncodesBackToItself(parsed.request());
            checkAnswer(parsed.request(), ServerHandshake.decide(parsed.request(), config));
        }
    }

    /** Where the parser stopped, and with what; exactly one of request and violation when it finished. */
    private record Parsed(int consumed, HttpRequest request, ProtocolViolation violation) {
    }

    private static Parsed parse(List<byte[]> pieces, byte[] wire) {
        HttpHeadParser parser = HttpHeadParser.forRequests(MAX_HANDSHAKE_BYTES);
        int consumed = 0;
        for (byte[] piece : pieces) {
            ByteBuffer in = ByteBuffer.wrap(piece);
            boolean complete;
            try {
                complete = parser.parse(in);
            } catch (WebSocketException e) {
                assertTrue(PARSER_VIOLATIONS.contains(e.violation()), () -> "not a parser violation: " + e);
                consumed += in.position();
                if (e.violation() == ProtocolViolation.REQUEST_HEADER_TOO_LARGE) {
                    assertEquals(MAX_HANDSHAKE_BYTES, consumed, "the byte over the limit must stay unread");
                }
                assertThrows(IllegalStateException.class, () -> parser.parse(ByteBuffer.allocate(1)));
                return new Parsed(consumed, null, e.violation());
            }
            consumed += in.position();
            if (complete) {
                // RFC 9112 §2.1: the head ends with an empty line, and not one byte later.
                assertEquals("\r\n\r\n", new String(wire, consumed - 4, 4, StandardCharsets.ISO_8859_1));
                assertTrue(consumed <= MAX_HANDSHAKE_BYTES, "head longer than the limit accepted");
                return new Parsed(consumed, parser.request(), null);
            }
            assertEquals(piece.length, in.position(), "an incomplete head left bytes unread");
        }
        return new Parsed(consumed, null, null);
    }

    /** Parser and encoder agree: what was read is written back as the same request. */
    private static void checkEncodesBackToItself(HttpRequest request) {
        HttpHeadParser again = HttpHeadParser.forRequests(Integer.MAX_VALUE);
        ByteBuffer encoded = request.encode();
        assertTrue(again.parse(encoded), "the encoded request is incomplete");
        assertEquals(request, again.request());
        assertTrue(!encoded.hasRemaining(), "bytes after the encoded head");
    }

    private static void checkAnswer(HttpRequest request, HandshakeDecision decision) {
        HttpResponse response = decision.response();
        HttpHeadParser reader = HttpHeadParser.forResponses(Integer.MAX_VALUE);
        assertTrue(reader.parse(response.encode()), "our response head is incomplete");
        assertEquals(response.status(), reader.response().status());
        assertEquals(decision.isUpgrade(), response.status() == 101, () -> "upgrade with status " + response.status());
        if (decision.isUpgrade()) {
            assertEquals("GET", request.method());
            assertEquals(AcceptKey.of(request.headers().first("Sec-WebSocket-Key")),
                    reader.response().headers().first("Sec-WebSocket-Accept"));
            List<String> extensions = reader.response().headers().all("Sec-WebSocket-Extensions");
            assertEquals(decision.deflate() != null, !extensions.isEmpty(), "extension answered iff agreed");
            // What we answer must be what a client that offered permessage-deflate accepts (RFC 7692 §7.1).
            DeflateNegotiation.acceptResponse(ExtensionOffer.parseAll(extensions));
        } else if (decision.violation() != null) {
            assertEquals(decision.violation().httpStatus(), response.status());
        }
    }

    private static WebSocketConfig config(byte choice) {
        WebSocketConfig.Builder config = WebSocketConfig.builder().maxHandshakeBytes(MAX_HANDSHAKE_BYTES);
        if ((choice & 1) != 0) {
            config.perMessageDeflate(PerMessageDeflateConfig.defaults());
        }
        if ((choice & 2) != 0) {
            config.subprotocols("chat", "superchat");
        }
        if ((choice & 4) != 0) {
            config.originPolicy(origin -> Objects.equals(origin, "http://example.com"));
        }
        HttpRequestHandler handler = switch ((choice >> 3) & 3) {
            case 1 -> request -> HttpResponse.text(200, "plain\n");
            case 2 -> request -> null;
            case 3 -> request -> {
                throw new IllegalStateException("the application failed");
            };
            default -> null;
        };
        return config.httpHandler(handler).build();
    }
}
