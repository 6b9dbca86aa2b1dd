package dev.wskit.protocol.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptKeyTest {

    @Test
    void acceptOfTheRfcSampleKeyIsTheRfcSampleAccept() {
        // RFC 6455 §1.3.
        assertThat(AcceptKey.of("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @ParameterizedTest(name = "{0}: ''{1}'' is valid: {2}")
    @CsvSource(delimiter = '|', value = {
            "the RFC sample key, 16 bytes         | dGhlIHNhbXBsZSBub25jZQ==  | true",
            "16 zero bytes                        | AAAAAAAAAAAAAAAAAAAAAA==  | true",
            "15 bytes                             | AAAAAAAAAAAAAAAAAAAA      | false",
            "17 bytes                             | AAAAAAAAAAAAAAAAAAAAAAA=  | false",
            "a character outside base64           | dGhlIHNhbXBsZSBub25j*Q==  | false",
            "the URL-safe alphabet                | dGhlIHNhbXBsZSBub25j_Q==  | false",
            "missing padding                      | dGhlIHNhbXBsZSBub25jZQ    | false",
            "half the padding                     | dGhlIHNhbXBsZSBub25jZQ=   | false",
            "stray low bits in the last character | dGhlIHNhbXBsZSBub25jZR==  | false",
            "inner whitespace                     | dGhlIHNhbXBs ZSBub25jZQ== | false",
            "empty                                | ''                        | false",
    })
    void keyIsValidOnlyWhenItIsCanonicalBase64OfSixteenBytes(String row, String key, boolean valid) {
        assertThat(AcceptKey.isValidKey(key)).isEqualTo(valid);
    }
}
