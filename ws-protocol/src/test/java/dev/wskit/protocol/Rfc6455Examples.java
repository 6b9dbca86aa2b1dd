package dev.wskit.protocol;

import java.util.Arrays;

/**
 * The RFC's own bytes (RFC 6455 §1.3 and §5.7), shared by codec and engine tests. Frames are
 * fresh arrays on every call: a server engine unmasks in place.
 */
public final class Rfc6455Examples {
    /** §1.3: the sample nonce and the accept value computed from it. */
    public static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    public static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    /** §5.7: a single-frame unmasked text message "Hello". */
    public static byte[] unmaskedHello() {
        return bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    }
    /** §5.7: a single-frame masked text message "Hello". */
    public static byte[] maskedHello() {
        return bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
    }
    /** §5.7: the masking key of {@link #maskedHello()}. */
    public static final int HELLO_MASKING_KEY = 0x37fa213d;
    /** §5.7: a fragmented unmasked text message, first frame "Hel". */
    public static byte[] fragmentHel() {
        return bytes(0x01, 0x03, 0x48, 0x65, 0x6c);
    }
    /** §5.7: ... and its last frame "lo". */
    public static byte[] fragmentLo() {
        return bytes(0x80, 0x02, 0x6c, 0x6f);
    }
    /** §5.7: an unmasked ping with the body "Hello". */
    public static byte[] unmaskedPingHello() {
        return bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f);
    }
    /** §5.7: a masked pong with the body "Hello", answering it. */
    public static byte[] maskedPongHello() {
        return bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);
    }
    /** §5.7: the header of a 256-byte binary message in a single unmasked frame. */
    public static byte[] binary256Header() {
        return bytes(0x82, 0x7e, 0x01, 0x00);
    }
    /** §5.7: the header of a 64 KiB binary message in a single unmasked frame. */
    public static byte[] binary65536Header() {
        return bytes(0x82, 0x7f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00);
    }

    /** §1.3: the client's sample opening request. */
    public static final String OPENING_REQUEST = "GET /chat HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: " + KEY + "\r\n"
            + "Origin: http://example.com\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";

    /** The 101 response our server sends to {@link #OPENING_REQUEST}. */
    public static final String OPENING_RESPONSE = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: " + ACCEPT + "\r\n"
            + "\r\n";

    private Rfc6455Examples() {
    }

    public static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    public static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
