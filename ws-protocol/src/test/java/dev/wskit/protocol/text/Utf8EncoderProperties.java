package dev.wskit.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The encoder against the JDK's: any valid text, cut anywhere into pieces (between the two halves
 * of a surrogate pair too, into empty pieces too), encodes to the bytes {@code getBytes(UTF_8)}
 * gives the whole text, as RFC 6455 §5.6 wants the text of a message to be UTF-8 as a whole.
 */
class Utf8EncoderProperties {

    /** Valid text and where to cut it: each cut an index from 0 to its length, in order. */
    record Split(String text, List<Integer> cuts) {
        List<String> pieces() {
            List<String> pieces = new java.util.ArrayList<>();
            int from = 0;
            for (int cut : cuts) {
                pieces.add(text.substring(from, cut));
                from = cut;
            }
            pieces.add(text.substring(from));
            return pieces;
        }

        @Override
        public String toString() {
            return pieces().stream().map(piece -> piece.chars().mapToObj(c -> String.format("%04x", c))
                    .collect(Collectors.joining(" ", "[", "]"))).collect(Collectors.joining(" | "));
        }
    }

    @Provide
    Arbitrary<Split> validTextCutAnywhere() {
        // Each UTF-8 length, and supplementary characters (a surrogate pair each) often.
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 0x7f)),
                Tuple.of(1, Arbitraries.integers().between(0x80, 0x7ff)),
                Tuple.of(1, Arbitraries.integers().between(0x800, 0xd7ff)),
                Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
                Tuple.of(3, Arbitraries.integers().between(0x10000, 0x10ffff)));
        Arbitrary<String> text = codePoint.list().ofMaxSize(60).map(codePoints -> {
            StringBuilder built = new StringBuilder();
            codePoints.forEach(built::appendCodePoint);
            return built.toString();
        });
        return text.flatMap(t -> Arbitraries.integers().between(0, t.length()).list().ofMaxSize(8)
                .map(cuts -> new Split(t, cuts.stream().sorted().toList())));
    }

    @Property(tries = 2000)
    void piecesEncodeToTheJdksBytesOfTheWholeText(@ForAll("validTextCutAnywhere") Split split) {
        Utf8Encoder encoder = new Utf8Encoder();
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        List<String> pieces = split.pieces();
        for (int i = 0; i < pieces.size(); i++) {
            ByteBuffer bytes = encoder.encode(pieces.get(i), i == pieces.size() - 1);
            encoded.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        }
        assertThat(HexFormat.of().formatHex(encoded.toByteArray()))
                .isEqualTo(HexFormat.of().formatHex(split.text().getBytes(StandardCharsets.UTF_8)));
    }
}
