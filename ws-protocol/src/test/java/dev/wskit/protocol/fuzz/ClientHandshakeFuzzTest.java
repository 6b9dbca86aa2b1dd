package dev.wskit.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.http.internal.HttpHeadParser;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

/**
 * Jazzer target for the client's opening handshake: {@link HttpHeadParser#forResponses} (RFC 9112
 * §4) then {@link ClientHandshake#validate} (RFC 6455 §4.1). However the bytes are cut, the parser
 * reaches the same response or the same violation after the same number of bytes; a complete
 * response is either accepted, with only what the client offered, or refused with a client-side
 * handshake violation, never another exception.
 *
 * <p>The client's key is RFC 6455 §1.3's ({@link FixedNonce}), so the RFC's response is a valid
 * seed. Input, as {@link FuzzedDataProvider} reads it (choices from the end): the last byte picks
 * the offer (bit 0 permessage-deflate, bit 1 subprotocols "chat" and "superchat"); the 8 bytes
 * before, the seed of the fuzzer's cut; everything before that, the response bytes.
 */
class ClientHandshakeFuzzTest {
    private static final int MAX_HANDSHAKE_BYTES = 1024;
    private static final Set<ProtocolViolation> PARSER_VIOLATIONS =
            Set.of(ProtocolViolation.MALFORMED_RESPONSE, ProtocolViolation.RESPONSE_HEADER_TOO_LARGE);

    @FuzzTest
    void clientAcceptsOrRefusesAnyResponseBytesTheSameHoweverTheyAreCut(FuzzedDataProvider data) {
        byte choice = data.consumeByte();
        WebSocketConfig.Builder config = WebSocketConfig.builder().random(new FixedNonce());
        if ((choice & 1) != 0) {
            config.perMessageDeflate(PerMessageDeflateConfig.defaults());
        }
        if ((choice & 2) != 0) {
            config.subprotocols("chat", "superchat");
        }
        ClientHandshake handshake = ClientHandshake.builder(URI.create("ws://server.example.com/chat")).build(config.build());
        long cutSeed = data.consumeLong();
        byte[] wire = data.consumeRemainingAsBytes();

        List<List<byte[]>> cuts = Cuts.all(wire, cutSeed);
        Parsed parsed = parse(cuts.get(0));
        for (List<byte[]> cut : cuts.subList(1, cuts.size())) {
            assertEquals(parsed, parse(cut));
        }
        if (parsed.response() != null) {
            checkValidation(handshake, parsed.response(), (choice & 1) != 0, (choice & 2) != 0);
        }
    }

    private record Parsed(int consumed, HttpResponse response, ProtocolViolation violation) {
    }

    private static Parsed parse(List<byte[]> pieces) {
        HttpHeadParser parser = HttpHeadParser.forResponses(MAX_HANDSHAKE_BYTES);
        int consumed = 0;
        for (byte[] piece : pieces) {
            ByteBuffer in = ByteBuffer.wrap(piece);
            try {
                boolean complete = parser.parse(in);
                consumed += in.position();
                if (complete) {
                    assertTrue(consumed <= MAX_HANDSHAKE_BYTES, "head longer than the limit accepted");
                    return new Parsed(consumed, parser.response(), null);
                }
                assertEquals(piece.length, in.position(), "an incomplete head left bytes unread");
            } catch (WebSocketException e) {
                assertTrue(PARSER_VIOLATIONS.contains(e.violation()), () -> "not a parser violation: " + e);
                consumed += in.position();
                assertThrows(IllegalStateException.class, () -> parser.parse(ByteBuffer.allocate(1)));
                return new Parsed(consumed, null, e.violation());
            }
        }
        return new Parsed(consumed, null, null);
    }

    private static void checkValidation(ClientHandshake handshake, HttpResponse response,
                                        boolean offeredDeflate, boolean offeredSubprotocols) {
        String subprotocol;
        try {
            subprotocol = handshake.validate(response);
        } catch (WebSocketException refused) {
            ProtocolViolation violation = refused.violation();
            // Client-side handshake rules: no HTTP status, since there is nobody to send it to.
            assertTrue(violation.isHandshake() && violation.httpStatus() == 0, () -> "not a client rule: " + refused);
            if (response.status() != 101) {
                assertEquals(ProtocolViolation.STATUS_NOT_101, violation);
            }
            return;
        }
        assertEquals(101, response.status());
        assertTrue(subprotocol == null || offeredSubprotocols && List.of("chat", "superchat").contains(subprotocol),
                () -> "accepted an unoffered subprotocol " + subprotocol);
        assertTrue(handshake.deflate() == null || offeredDeflate, "accepted an unoffered permessage-deflate");
    }
}
