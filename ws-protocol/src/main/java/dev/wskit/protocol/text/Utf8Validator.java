package dev.wskit.protocol.text;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Streaming, fail-fast UTF-8 (RFC 3629) validation of WebSocket text messages.
 *
 * <p>RFC 6455 §8.1 makes an endpoint fail the connection as soon as the bytes of a text message
 * stop being valid UTF-8, wherever the message is cut into fragments and reads. So a validator
 * remembers a partly seen multi-byte sequence between calls to {@code feed}, and reports the
 * first invalid byte from the very call that contains it. A message is fed chunk by chunk; a
 * {@code false} answer means the message is invalid; at the end of the message
 * {@link #isComplete()} says whether it ended between two characters; {@link #reset()} prepares
 * for the next message.
 *
 * <p>Rejected, per RFC 3629 §3 and §4: overlong forms ({@code C0}, {@code C1}, {@code E0 80..9F},
 * {@code F0 80..8F}), UTF-16 surrogates ({@code ED A0..BF}), code points above U+10FFFF
 * ({@code F4 90..BF}, {@code F5..FF}), stray continuation bytes and, at message end, truncated
 * sequences.
 *
 * <p>Not thread-safe: one instance per connection, used by the thread reading it. It never
 * allocates and never changes the position, limit or content of the buffers it reads.
 */
public final class Utf8Validator {
    // Byte classes: the bytes a state accepts next differ only between these ranges
    // (RFC 3629 §4, the UTF8-2 .. UTF8-4 productions).
    private static final int ASCII = 0; // 00..7F
    private static final int TAIL_80_8F = 1;
    private static final int TAIL_90_9F = 2;
    private static final int TAIL_A0_BF = 3;
    private static final int LEAD_TWO = 4; // C2..DF
    private static final int LEAD_E0 = 5;
    private static final int LEAD_THREE = 6; // E1..EC, EE..EF
    private static final int LEAD_ED = 7;
    private static final int LEAD_F0 = 8;
    private static final int LEAD_FOUR = 9; // F1..F3
    private static final int LEAD_F4 = 10;
    private static final int NEVER = 11; // C0, C1, F5..FF
    private static final int CLASS_COUNT = 12;

    // States, pre-multiplied by CLASS_COUNT so that finding the next state costs one addition.
    private static final int ACCEPT = 0;
    private static final int REJECT = CLASS_COUNT;
    private static final int NEED_ONE = 2 * CLASS_COUNT;
    private static final int NEED_TWO = 3 * CLASS_COUNT;
    private static final int NEED_THREE = 4 * CLASS_COUNT;
    private static final int AFTER_E0 = 5 * CLASS_COUNT;
    private static final int AFTER_ED = 6 * CLASS_COUNT;
    private static final int AFTER_F0 = 7 * CLASS_COUNT;
    private static final int AFTER_F4 = 8 * CLASS_COUNT;
    private static final int STATE_COUNT = 9;

    private static final byte[] CLASS_OF_BYTE = classOfByte();
    private static final byte[] NEXT_STATE = nextState();

    /** One bit per byte of a word, set when that byte is not ASCII. */
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private int state = ACCEPT;

    /**
     * Validates the bytes at absolute indexes {@code [from, to)} of {@code buffer}, continuing any
     * sequence left open by the previous call. The buffer may be heap, direct or read-only.
     *
     * @return {@code false} if this or an earlier call of the current message saw an invalid byte
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= buffer.limit()}
     */
    public boolean feed(ByteBuffer buffer, int from, int to) {
        Objects.checkFromToIndex(from, to, buffer.limit());
        if (state != REJECT) {
            state = scan(state, buffer, from, to);
        }
        return state != REJECT;
    }

    /**
     * Validates {@code length} bytes of {@code bytes} from {@code offset}, as
     * {@link #feed(ByteBuffer, int, int)} does.
     *
     * @return {@code false} if this or an earlier call of the current message saw an invalid byte
     * @throws IndexOutOfBoundsException if the range is not within the array
     */
    public boolean feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return feed(ByteBuffer.wrap(bytes), offset, offset + length);
    }

    /**
     * Whether everything fed since the last reset is valid and ends between two characters.
     * Asked at the end of a message, because a sequence cut short by the end of the message is
     * invalid (RFC 3629 §3).
     */
    public boolean isComplete() {
        return state == ACCEPT;
    }

    /** Forgets the current message, failed or not, so the next one can be fed. */
    public void reset() {
        state = ACCEPT;
    }

    /**
     * Whether the bytes at absolute indexes {@code [from, to)} of {@code buffer} are, on their own,
     * complete valid UTF-8; for texts that arrive whole, such as a close reason (RFC 6455 §5.5.1).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= buffer.limit()}
     */
    public static boolean isValid(ByteBuffer buffer, int from, int to) {
        Objects.checkFromToIndex(from, to, buffer.limit());
        return scan(ACCEPT, buffer, from, to) == ACCEPT;
    }

    private static int scan(int state, ByteBuffer buffer, int from, int to) {
        int i = from;
        while (i < to) {
            byte b = buffer.get(i++);
            if (state == ACCEPT && b >= 0) {
                // An ASCII byte between characters is likely the start of an ASCII run: skip whole
                // words of it. Only entered on an ASCII byte, so non-Latin text pays no wasted load.
                // The byte order of the word does not matter: the mask tests all eight alike.
                while (to - i >= Long.BYTES && (buffer.getLong(i) & HIGH_BITS) == 0) {
                    i += Long.BYTES;
                }
            } else {
                state = NEXT_STATE[state + CLASS_OF_BYTE[b & 0xFF]];
                if (state == REJECT) {
                    return REJECT;
                }
            }
        }
        return state;
    }

    private static byte[] classOfByte() {
        byte[] table = new byte[256];
        Arrays.fill(table, 0x00, 0x80, (byte) ASCII);
        Arrays.fill(table, 0x80, 0x90, (byte) TAIL_80_8F);
        Arrays.fill(table, 0x90, 0xA0, (byte) TAIL_90_9F);
        Arrays.fill(table, 0xA0, 0xC0, (byte) TAIL_A0_BF);
        // RFC 3629 §3: C0 and C1 could only start overlong encodings of U+0000..U+007F.
        Arrays.fill(table, 0xC0, 0xC2, (byte) NEVER);
        Arrays.fill(table, 0xC2, 0xE0, (byte) LEAD_TWO);
        table[0xE0] = LEAD_E0;
        Arrays.fill(table, 0xE1, 0xF0, (byte) LEAD_THREE);
        table[0xED] = LEAD_ED;
        table[0xF0] = LEAD_F0;
        Arrays.fill(table, 0xF1, 0xF4, (byte) LEAD_FOUR);
        table[0xF4] = LEAD_F4;
        // RFC 3629 §3: F5..FF could only start code points above U+10FFFF.
        Arrays.fill(table, 0xF5, 0x100, (byte) NEVER);
        return table;
    }

    private static byte[] nextState() {
        byte[] table = new byte[STATE_COUNT * CLASS_COUNT];
        Arrays.fill(table, (byte) REJECT); // every transition not listed below, and REJECT forever
        setNext(table, ACCEPT, ASCII, ACCEPT);
        setNext(table, ACCEPT, LEAD_TWO, NEED_ONE);
        setNext(table, ACCEPT, LEAD_E0, AFTER_E0);
        setNext(table, ACCEPT, LEAD_THREE, NEED_TWO);
        setNext(table, ACCEPT, LEAD_ED, AFTER_ED);
        setNext(table, ACCEPT, LEAD_F0, AFTER_F0);
        setNext(table, ACCEPT, LEAD_FOUR, NEED_THREE);
        setNext(table, ACCEPT, LEAD_F4, AFTER_F4);
        for (int tail : new int[] {TAIL_80_8F, TAIL_90_9F, TAIL_A0_BF}) {
            setNext(table, NEED_ONE, tail, ACCEPT);
            setNext(table, NEED_TWO, tail, NEED_ONE);
            setNext(table, NEED_THREE, tail, NEED_TWO);
        }
        // RFC 3629 §4, UTF8-3 = %xE0 %xA0-BF UTF8-tail: a lower second byte is overlong.
        setNext(table, AFTER_E0, TAIL_A0_BF, NEED_ONE);
        // RFC 3629 §4, UTF8-3 = %xED %x80-9F UTF8-tail: a higher second byte is a surrogate.
        setNext(table, AFTER_ED, TAIL_80_8F, NEED_ONE);
        setNext(table, AFTER_ED, TAIL_90_9F, NEED_ONE);
        // RFC 3629 §4, UTF8-4 = %xF0 %x90-BF 2( UTF8-tail ): a lower second byte is overlong.
        setNext(table, AFTER_F0, TAIL_90_9F, NEED_TWO);
        setNext(table, AFTER_F0, TAIL_A0_BF, NEED_TWO);
        // RFC 3629 §4, UTF8-4 = %xF4 %x80-8F 2( UTF8-tail ): a higher second byte is > U+10FFFF.
        setNext(table, AFTER_F4, TAIL_80_8F, NEED_TWO);
        return table;
    }

    private static void setNext(byte[] table, int state, int byteClass, int next) {
        table[state + byteClass] = (byte) next;
    }
}
