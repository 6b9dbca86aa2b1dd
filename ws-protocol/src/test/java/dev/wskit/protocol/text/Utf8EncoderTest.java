package dev.wskit.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Malformed UTF-16 is refused with the index of the culprit, and a refusal leaves the encoder as it was. */
class Utf8EncoderTest {
    private final Utf8Encoder encoder = new Utf8Encoder();

    @Test
    void encodesEachUtf8LengthAsTheJdkDoes() {
        assertThat(hex(encoder.encode("a\u00e9\u20ac\ud83d\ude00", true))).isEqualTo("61c3a9e282acf09f9880");
    }

    @Test
    void aLoneLowSurrogateIsRefused() {
        assertThatThrownBy(() -> encoder.encode("ab\udc00c", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lone low surrogate U+DC00 at index 2");
    }

    @Test
    void aHighSurrogateFollowedByAnythingButALowOneIsRefused() {
        assertThatThrownBy(() -> encoder.encode("a\ud800b", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("high surrogate U+D800 at index 1 not followed by a low surrogate");
        assertThatThrownBy(() -> encoder.encode("\ud800\ud800\udc00", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("high surrogate U+D800 at index 0 not followed by a low surrogate");
    }

    @Test
    void aHighSurrogateEndingTheLastPieceIsRefused() {
        assertThatThrownBy(() -> encoder.encode("ab\ud800", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("high surrogate U+D800 at index 2 ends the message");
    }

    @Test
    void aHighSurrogateEndingAPieceIsCarriedOverAndEncodedWithItsLowHalf() {
        assertThat(hex(encoder.encode("a\ud83d", false))).isEqualTo("61");
        assertThat(hex(encoder.encode("", false))).isEmpty();
        assertThat(hex(encoder.encode("\ude00b", true))).isEqualTo("f09f988062");
    }

    @Test
    void aCarriedHighSurrogateFollowedByAnythingButALowOneIsRefused() {
        encoder.encode("a\ud83d", false);
        assertThatThrownBy(() -> encoder.encode("b", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("high surrogate U+D83D that ended the previous piece not followed by a low surrogate at index 0");
    }

    @Test
    void aCarriedHighSurrogateBeforeAnEmptyLastPieceIsRefused() {
        encoder.encode("a\ud83d", false);
        assertThatThrownBy(() -> encoder.encode("", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("high surrogate U+D83D that ended the previous piece ends the message");
    }

    @Test
    void aRefusedPieceLeavesTheCarriedHalfInPlace() {
        encoder.encode("a\ud83d", false);
        assertThatThrownBy(() -> encoder.encode("\ude00\udc00", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.encode("x\ud800", true)).isInstanceOf(IllegalArgumentException.class);

        assertThat(hex(encoder.encode("\ude00", true))).isEqualTo("f09f9880");
    }

    @Test
    void aRefusedPieceLeavesNothingCarried() {
        assertThatThrownBy(() -> encoder.encode("\ud83d\ude00\udc00\ud83d", false)).isInstanceOf(IllegalArgumentException.class);

        assertThat(hex(encoder.encode("a", true))).isEqualTo("61");
    }

    @Test
    void theLastPieceEndsTheMessageSoNothingIsCarriedIntoTheNext() {
        encoder.encode("\ud83d", false);
        encoder.encode("\ude00", true);

        assertThatThrownBy(() -> encoder.encode("\ude00", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lone low surrogate U+DE00 at index 0");
    }

    @Test
    void checksAPieceWithoutTheEncoderGivenWhatEndedThePieceBefore() {
        assertThatThrownBy(() -> Utf8Encoder.checkPiece("\udc00", true, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lone low surrogate U+DC00 at index 0");
        Utf8Encoder.checkPiece("\udc00", true, true);
        Utf8Encoder.checkPiece("a\ud800", false, false);
        assertThatThrownBy(() -> Utf8Encoder.checkPiece("a\ud800", true, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends the message");
        assertThatThrownBy(() -> Utf8Encoder.checkPiece("a\ud800b", false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1");
        encoder.encode("x\ud83d", false);
        assertThat(encoder.awaitsLowSurrogate()).isTrue();
        encoder.encode("\ude00", true);
        assertThat(encoder.awaitsLowSurrogate()).isFalse();
    }

    private static String hex(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return HexFormat.of().formatHex(copy);
    }
}
