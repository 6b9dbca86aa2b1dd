package dev.wskit.protocol.extension.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.extension.DeflateParameters;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** permessage-deflate negotiation, both sides (RFC 7692 §5, §7.1). */
class DeflateNegotiationTest {
    private static final PerMessageDeflateConfig DEFAULTS = PerMessageDeflateConfig.defaults();

    private static String serverAnswer(String offerHeader) {
        DeflateParameters chosen = DeflateNegotiation.choose(ExtensionOffer.parseAll(List.of(offerHeader)), DEFAULTS);
        return chosen == null ? "declined" : chosen.toHeaderValue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "permessage-deflate | permessage-deflate",
            "permessage-deflate; client_max_window_bits | permessage-deflate",
            "permessage-deflate; client_max_window_bits=10 | permessage-deflate",
            "permessage-deflate; server_no_context_takeover | permessage-deflate; server_no_context_takeover",
            "permessage-deflate; client_no_context_takeover | permessage-deflate; client_no_context_takeover",
            "permessage-deflate; server_max_window_bits=15 | permessage-deflate; server_max_window_bits=15",
            "PerMessage-Deflate; Server_No_Context_Takeover | permessage-deflate; server_no_context_takeover",
            "permessage-deflate; server_max_window_bits=\"15\" | permessage-deflate; server_max_window_bits=15",
            "permessage-deflate; server_max_window_bits=10 | permessage-deflate; server_max_window_bits=10",
            "permessage-deflate; server_max_window_bits=8 | permessage-deflate; server_max_window_bits=8",
            "permessage-deflate; server_max_window_bits=10, permessage-deflate | permessage-deflate; server_max_window_bits=10",
            "x-webkit-deflate-frame, permessage-deflate; client_max_window_bits | permessage-deflate",
            "permessage-deflate; server_max_window_bits | declined",
            "permessage-deflate; server_max_window_bits=16 | declined",
            "permessage-deflate; client_max_window_bits=7 | declined",
            "permessage-deflate; client_max_window_bits=abc | declined",
            "permessage-deflate; server_no_context_takeover=1 | declined",
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover | declined",
            "permessage-deflate; mystery | declined",
            "x-webkit-deflate-frame | declined"})
    void serverAnswersTheFirstOfferItCanHonour(String offer, String answer) {
        assertThat(serverAnswer(offer)).isEqualTo(answer);
    }

    @Test
    void serverAddsTheContextParametersItRequires() {
        PerMessageDeflateConfig strict = PerMessageDeflateConfig.builder()
                .serverNoContextTakeover(true).clientNoContextTakeover(true).build();
        DeflateParameters chosen = DeflateNegotiation.choose(ExtensionOffer.parseAll(List.of("permessage-deflate")), strict);
        assertThat(chosen.toHeaderValue()).isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
    }

    @ParameterizedTest
    @ValueSource(strings = {"permessage-deflate; a=\"unterminated", "permessage-deflate; =1", "per message", "permessage-deflate; a=\"b c\""})
    void malformedHeadersAreRefusedByTheParser(String header) {
        assertThatThrownBy(() -> ExtensionOffer.parseAll(List.of(header))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientOffersOnlyWhatItCanHonour() {
        assertThat(DeflateNegotiation.offer(DEFAULTS)).isEqualTo("permessage-deflate; client_max_window_bits");
        assertThat(DeflateNegotiation.offer(PerMessageDeflateConfig.builder().clientNoContextTakeover(true).build()))
                .isEqualTo("permessage-deflate; client_no_context_takeover; client_max_window_bits");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "permessage-deflate",
            "permessage-deflate; server_no_context_takeover",
            "permessage-deflate; client_no_context_takeover",
            "permessage-deflate; server_max_window_bits=9",
            "permessage-deflate; client_max_window_bits=8",
            "permessage-deflate; server_max_window_bits=10; client_max_window_bits=12"})
    void clientAcceptsWhatAServerMaySend(String response) {
        DeflateParameters accepted = DeflateNegotiation.acceptResponse(ExtensionOffer.parseAll(List.of(response)));
        assertThat(accepted.toHeaderValue()).isEqualTo(response);
    }

    @Test
    void clientTakesTheWindowsTheAnswerNames() {
        DeflateParameters accepted = DeflateNegotiation.acceptResponse(ExtensionOffer.parseAll(
                List.of("permessage-deflate; client_max_window_bits=9; server_max_window_bits=11")));
        assertThat(accepted.clientMaxWindowBits()).isEqualTo(9);
        assertThat(accepted.serverMaxWindowBits()).isEqualTo(11);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "permessage-deflate; client_max_window_bits",
            "permessage-deflate; client_max_window_bits=16",
            "permessage-deflate; server_max_window_bits=20",
            "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
            "permessage-deflate; unknown",
            "x-webkit-deflate-frame",
            "permessage-deflate, permessage-deflate"})
    void clientRefusesAnswersItDidNotAllow(String response) {
        assertThatThrownBy(() -> DeflateNegotiation.acceptResponse(ExtensionOffer.parseAll(List.of(response))))
                .isInstanceOfSatisfying(WebSocketException.class,
                        e -> assertThat(e.violation()).isEqualTo(ProtocolViolation.UNREQUESTED_EXTENSION));
    }
}
