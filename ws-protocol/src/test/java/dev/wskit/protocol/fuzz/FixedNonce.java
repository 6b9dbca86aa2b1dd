package dev.wskit.protocol.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A random source whose handshake nonce is RFC 6455 §1.3's "the sample nonce", so a client's key
 * is {@code dGhlIHNhbXBsZSBub25jZQ==} and the RFC's own 101 response is valid for it; masking
 * keys come from a fixed seed, so a client's frames are the same bytes in every run.
 */
final class FixedNonce extends Random {
    private static final long serialVersionUID = 1L;
    private static final byte[] SAMPLE_NONCE = "the sample nonce".getBytes(StandardCharsets.US_ASCII);

    FixedNonce() {
        super(6455);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        if (bytes.length != SAMPLE_NONCE.length) {
            throw new IllegalStateException("only the 16-byte handshake nonce is fixed, not " + bytes.length + " bytes");
        }
        System.arraycopy(SAMPLE_NONCE, 0, bytes, 0, bytes.length);
    }
}
