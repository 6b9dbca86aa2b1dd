package dev.wskit.protocol.text;

import java.nio.ByteBuffer;

/**
 * Strict UTF-8 (RFC 3629) encoding of the text of outgoing messages, sent in one piece or many.
 *
 * <p>RFC 6455 §5.6 makes the payload of a text message UTF-8 as a whole, however it is cut into
 * frames. A Java string is UTF-16, where a character outside the Basic Multilingual Plane is two
 * {@code char}s, a high then a low surrogate; a piece may end between the two. So a high surrogate
 * that ends a piece is held back and encoded with the low one that starts the next piece. A
 * surrogate without its other half has no UTF-8 form at all (RFC 3629 §3): rather than the
 * {@code '?'} that {@link String#getBytes} puts in its place, silently, it is refused with an
 * {@link IllegalArgumentException} naming its index in the piece. A refused piece changes
 * nothing, so the message can go on with a corrected one. Valid text encodes to exactly the
 * bytes of {@link String#getBytes} with UTF-8.
 *
 * <p>Not thread-safe: one instance per connection, used by whoever sends on it.
 */
public final class Utf8Encoder {
    /** No high surrogate is held back: {@code '\0'} is never a surrogate. */
    private static final char NONE = 0;

    /** The high surrogate that ended the previous piece of this message, or {@link #NONE}. */
    private char carriedHigh = NONE;

    /** An encoder at the start of a message, holding no surrogate back. */
    public Utf8Encoder() {
    }

    /**
     * The UTF-8 bytes of {@code piece}, the next piece of a message; {@code last} when it ends the
     * message. Returns a new buffer, position 0, which the caller owns.
     *
     * @param piece the piece's characters; it may end with a high surrogate that the next piece
     *     completes
     * @param last {@code true} when this piece ends the message
     * @return the bytes, maybe empty when the piece is only a carried high surrogate
     * @throws IllegalArgumentException for a low surrogate without a high one before it, a high
     *         surrogate without a low one after it, or one that ends the message; nothing changes
     */
    public ByteBuffer encode(CharSequence piece, boolean last) {
        int length = piece.length();
        boolean completesCarried = carriedHigh != NONE;
        if (completesCarried) {
            if (length == 0 && !last) {
                // An empty piece between the two halves: the high one waits for the next piece.
                return ByteBuffer.allocate(0);
            }
            checkStartsWithLowHalfOfCarried(piece);
        }
        int start = completesCarried ? 1 : 0;
        boolean carry = !last && length > start && Character.isHighSurrogate(piece.charAt(length - 1));
        int end = carry ? length - 1 : length;
        byte[] bytes = new byte[(completesCarried ? 4 : 0) + checkedLength(piece, start, end)];
        int at = completesCarried ? putFourBytes(bytes, 0, Character.toCodePoint(carriedHigh, piece.charAt(0))) : 0;
        write(piece, start, end, bytes, at);
        carriedHigh = carry ? piece.charAt(length - 1) : NONE;
        return ByteBuffer.wrap(bytes);
    }

    /**
     * Checks a piece as {@link #encode} would, for a caller that cannot reach the connection's
     * encoder now (another thread) but knows whether the piece before it ended with a high
     * surrogate ({@code afterHighSurrogate}), which a low one at index 0 then completes.
     *
     * @param piece the piece's characters
     * @param last {@code true} when this piece ends the message
     * @param afterHighSurrogate whether the previous piece of the message ended with a high
     *     surrogate
     * @throws IllegalArgumentException as {@link #encode} would
     */
    public static void checkPiece(CharSequence piece, boolean last, boolean afterHighSurrogate) {
        int length = piece.length();
        int start = afterHighSurrogate && length > 0 && Character.isLowSurrogate(piece.charAt(0)) ? 1 : 0;
        boolean carry = !last && length > start && Character.isHighSurrogate(piece.charAt(length - 1));
        checkedLength(piece, start, carry ? length - 1 : length);
    }

    /**
     * Whether the last piece ended with a high surrogate that the next piece must complete.
     *
     * @return {@code true} when a high surrogate is carried
     */
    public boolean awaitsLowSurrogate() {
        return carriedHigh != NONE;
    }

    private void checkStartsWithLowHalfOfCarried(CharSequence piece) {
        if (piece.length() == 0) {
            throw new IllegalArgumentException("high surrogate " + hex(carriedHigh)
                    + " that ended the previous piece ends the message");
        }
        if (!Character.isLowSurrogate(piece.charAt(0))) {
            throw new IllegalArgumentException("high surrogate " + hex(carriedHigh)
                    + " that ended the previous piece not followed by a low surrogate at index 0");
        }
    }

    /**
     * The UTF-8 length of {@code piece} from {@code start} to {@code end}, every surrogate in it
     * checked to be half of a pair. {@code end} falls short of the piece's length only by the high
     * surrogate carried over, so a pair never straddles it.
     */
    private static int checkedLength(CharSequence piece, int start, int end) {
        int size = 0;
        for (int i = start; i < end; i++) {
            char c = piece.charAt(i);
            if (c < 0x80) {
                size += 1;
            } else if (c < 0x800) {
                size += 2;
            } else if (!Character.isSurrogate(c)) {
                size += 3;
            } else if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException("lone low surrogate " + hex(c) + " at index " + i);
            } else if (i + 1 == piece.length()) {
                throw new IllegalArgumentException("high surrogate " + hex(c) + " at index " + i + " ends the message");
            } else if (!Character.isLowSurrogate(piece.charAt(i + 1))) {
                throw new IllegalArgumentException("high surrogate " + hex(c) + " at index " + i
                        + " not followed by a low surrogate");
            } else {
                size += 4;
                i++;
            }
        }
        return size;
    }

    /** Encodes {@code piece} from {@code start} to {@code end}, already checked, into {@code bytes} at {@code at}. */
    private static void write(CharSequence piece, int start, int end, byte[] bytes, int at) {
        int i = start;
        // ASCII, the bulk of most text, one byte each with no branching on the length.
        for (char c; i < end && (c = piece.charAt(i)) < 0x80; i++) {
            bytes[at++] = (byte) c;
        }
        for (; i < end; i++) {
            char c = piece.charAt(i);
            if (c < 0x80) {
                bytes[at++] = (byte) c;
            } else if (c < 0x800) {
                bytes[at++] = (byte) (0xc0 | c >> 6);
                bytes[at++] = (byte) (0x80 | c & 0x3f);
            } else if (!Character.isSurrogate(c)) {
                bytes[at++] = (byte) (0xe0 | c >> 12);
                bytes[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                bytes[at++] = (byte) (0x80 | c & 0x3f);
            } else {
                i++;
                at = putFourBytes(bytes, at, Character.toCodePoint(c, piece.charAt(i)));
            }
        }
    }

    /** The four-byte form of a code point above U+FFFF (RFC 3629 §3); returns the index after it. */
    private static int putFourBytes(byte[] bytes, int at, int codePoint) {
        bytes[at] = (byte) (0xf0 | codePoint >> 18);
        bytes[at + 1] = (byte) (0x80 | codePoint >> 12 & 0x3f);
        bytes[at + 2] = (byte) (0x80 | codePoint >> 6 & 0x3f);
        bytes[at + 3] = (byte) (0x80 | codePoint & 0x3f);
        return at + 4;
    }

    private static String hex(char c) {
        return String.format("U+%04X", (int) c);
    }
}
