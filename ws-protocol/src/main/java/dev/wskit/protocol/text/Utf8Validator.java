package dev.wskit.protocol.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    // States. Each owns a 6-bit field of a long, and a state's value is its field's offset:
    // TRANSITIONS[b] holds in each state's field the state that byte b leads to, so one step is
    // TRANSITIONS[b] >>> state (Java shifts a long by the low 6 bits of the distance). The chain
    // from byte to byte is then a single shift; the table load depends on the byte alone and runs
    // ahead. The bits above the low 6 of a stepped state are leftovers, cleared by STATE_MASK.
    private static final int STATE_BITS = 6;
    private static final int STATE_MASK = (1 << STATE_BITS) - 1;
    /** Zero, so that every row leads from REJECT back to REJECT without a word. */
    private static final int REJECT = 0;
    private static final int ACCEPT = STATE_BITS;
    private static final int NEED_ONE = 2 * STATE_BITS;
    private static final int NEED_TWO = 3 * STATE_BITS;
    private static final int NEED_THREE = 4 * STATE_BITS;
    private static final int AFTER_E0 = 5 * STATE_BITS;
    private static final int AFTER_ED = 6 * STATE_BITS;
    private static final int AFTER_F0 = 7 * STATE_BITS;
    private static final int AFTER_F4 = 8 * STATE_BITS;
    private static final int STATE_COUNT = 9; // 54 bits of the 64

    private static final long[] TRANSITIONS = transitions();

    /** One bit per byte of a word, set when that byte is not ASCII; the same in either byte order. */
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    /** Eight bytes of an array as one long, first byte on top, as {@link #stepWord} takes them. */
    private static final VarHandle WORD_IN_ARRAY = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private int state = ACCEPT;

    /** A validator at the start of a message, having seen nothing yet. */
    public Utf8Validator() {
    }

    /**
     * Validates the bytes at absolute indexes {@code [from, to)} of {@code buffer}, continuing any
     * sequence left open by the previous call. The buffer may be heap, direct or read-only.
     *
     * @param buffer the bytes; position and limit are left as they were
     * @param from the absolute index of the first byte
     * @param to the absolute index past the last byte
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
     * Whether everything fed since the last reset is valid and ends between two characters.
     * Asked at the end of a message, because a sequence cut short by the end of the message is
     * invalid (RFC 3629 §3).
     *
     * @return {@code true} when the message's text is complete, valid UTF-8 (RFC 6455 §8.1)
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
     * @param buffer the bytes; position and limit are left as they were
     * @param from the absolute index of the first byte
     * @param to the absolute index past the last byte
     * @return {@code true} when they are valid UTF-8 and end between two characters
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= buffer.limit()}
     */
    public static boolean isValid(ByteBuffer buffer, int from, int to) {
        Objects.checkFromToIndex(from, to, buffer.limit());
        return scan(ACCEPT, buffer, from, to) == ACCEPT;
    }

    private static int scan(int state, ByteBuffer buffer, int from, int to) {
        if (buffer.hasArray()) {
            int offset = buffer.arrayOffset();
            return scanArray(state, buffer.array(), offset + from, offset + to);
        }
        return scanBuffer(state, buffer, from, to);
    }

    // Both scans go a word at a time and never stop early: REJECT leads only to itself, so the
    // verdict at the end of the range is the verdict at its first invalid byte.

    private static int scanArray(int state, byte[] bytes, int from, int to) {
        int s = state;
        int i = from;
        for (; i < to - 7; i += Long.BYTES) {
            long word = (long) WORD_IN_ARRAY.get(bytes, i);
            if ((word & HIGH_BITS) != 0 || (s & STATE_MASK) != ACCEPT) {
                s = stepWord(s, word);
            }
        }
        for (; i < to; i++) {
            s = step(s, bytes[i]);
        }
        return s & STATE_MASK;
    }

    /** For direct and read-only buffers, which have no accessible array. */
    private static int scanBuffer(int state, ByteBuffer buffer, int from, int to) {
        // getLong reads in the buffer's order; stepWord wants the first byte on top.
        boolean littleEndian = buffer.order() == ByteOrder.LITTLE_ENDIAN;
        int s = state;
        int i = from;
        for (; i < to - 7; i += Long.BYTES) {
            long word = buffer.getLong(i);
            if ((word & HIGH_BITS) != 0 || (s & STATE_MASK) != ACCEPT) {
                s = stepWord(s, littleEndian ? Long.reverseBytes(word) : word);
            }
        }
        for (; i < to; i++) {
            s = step(s, buffer.get(i));
        }
        return s & STATE_MASK;
    }

    /**
     * Eight steps, over the bytes of {@code word} from its top byte down. Taken for every word but
     * an ASCII one between characters, which leaves the state as it was (and in any other state
     * ASCII is rejected by the steps themselves).
     */
    private static int stepWord(int state, long word) {
        int s = state;
        for (int shift = Long.SIZE - Byte.SIZE; shift >= 0; shift -= Byte.SIZE) {
            s = step(s, (byte) (word >>> shift));
        }
        return s;
    }

    private static int step(int state, byte b) {
        return (int) (TRANSITIONS[b & 0xFF] >>> state);
    }

    private static long[] transitions() {
        byte[] classOfByte = classOfByte();
        int[] next = nextState();
        long[] table = new long[256];
        for (int b = 0; b < 256; b++) {
            for (int s = 0; s < STATE_COUNT; s++) {
                table[b] |= (long) next[s * CLASS_COUNT + classOfByte[b]] << (s * STATE_BITS);
            }
        }
        return table;
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

    /** The next state by state and byte class; every transition not listed leads to REJECT (0). */
    private static int[] nextState() {
        int[] table = new int[STATE_COUNT * CLASS_COUNT];
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

    private static void setNext(int[] table, int state, int byteClass, int next) {
        table[state / STATE_BITS * CLASS_COUNT + byteClass] = next;
    }
}
