package dev.wskit.protocol.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code Sec-WebSocket-Key} / {@code Sec-WebSocket-Accept} pair (RFC 6455 §1.3, §4.2.2):
 * proof that the server read this very handshake, not a cached or cross-protocol reply.
 */
public final class AcceptKey {
    /** RFC 6455 §1.3: the GUID every endpoint appends to the key. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int KEY_BYTES = 16;

    private AcceptKey() {
    }

    /**
     * RFC 6455 §4.2.2 item 5.4: base64(SHA-1(key + GUID)), the key taken as sent.
     *
     * @param secWebSocketKey the client's {@code Sec-WebSocket-Key} value, as sent
     * @return the {@code Sec-WebSocket-Accept} value a server answers with: 28 base64 characters
     */
    public static String of(String secWebSocketKey) {
        byte[] digest = sha1().digest((secWebSocketKey + GUID).getBytes(StandardCharsets.ISO_8859_1));
        return Base64.getEncoder().encodeToString(digest);
    }

    /**
     * RFC 6455 §4.1 item 7, §4.2.1 item 5: the key is the standard base64 of exactly 16 bytes,
     * padding included (so 24 characters ending in {@code ==}), in its canonical spelling.
     *
     * @param key a {@code Sec-WebSocket-Key} value
     * @return {@code true} when the key is well formed; a server answers any other with 400
     */
    public static boolean isValidKey(String key) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        // The JDK decoder accepts missing padding and stray low bits; encoding back refuses both.
        return decoded.length == KEY_BYTES && Base64.getEncoder().encodeToString(decoded).equals(key);
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1 (MessageDigest Javadoc).
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }
}
