package dev.wskit.protocol.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The decoding of a chunked body (RFC 9112 §7.1), fed in any split, keeping at most a cap of the
 * decoded bytes: for the body of a refused upgrade, where only a short reason is wanted.
 *
 * <p>Decoding ends at the last chunk (size 0): the trailer section after it (§7.1.2) carries no
 * content and is not waited for. It also ends at the cap, and at the first byte that breaks the
 * chunk syntax (a size that is not hexadecimal, a chunk not followed by its line end): the body
 * is then what was decoded before it. Nothing here throws for what the peer sent.
 */
final class ChunkedBody {
    /** More hex digits than this could overflow a {@code long}; no real chunk is that large. */
    private static final int MAX_SIZE_DIGITS = 15;

    private enum State { SIZE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, DONE }

    private final int cap;
    private byte[] decoded = new byte[0];
    private State state = State.SIZE;
    private long chunkLeft;
    private int sizeDigits;

    /** A decoder keeping at most {@code cap} decoded bytes. */
    ChunkedBody(int cap) {
        this.cap = cap;
    }

    /** Decodes what {@code in} holds, reading none of it past the end; returns whether decoding ended. */
    boolean receive(ByteBuffer in) {
        while (state != State.DONE && in.hasRemaining()) {
            if (state == State.DATA) {
                takeData(in);
            } else {
                step(in.get());
            }
        }
        return state == State.DONE;
    }

    /** The bytes decoded so far: once {@link #receive} said so, the body, or its part before the cap or a broken rule. */
    byte[] decoded() {
        return decoded.clone();
    }

    /** One byte of a chunk's size line or of the line end after its data. */
    private void step(byte b) {
        switch (state) {
            case SIZE -> size(b);
            // chunk-ext (§7.1.1) means nothing to us: skipped up to the line end.
            case EXTENSION -> state = b == '\n' ? endOfSizeLine() : State.EXTENSION;
            case SIZE_LF -> state = b == '\n' ? endOfSizeLine() : broken();
            case DATA_CR -> state = b == '\r' ? State.DATA_LF : b == '\n' ? State.SIZE : broken();
            case DATA_LF -> state = b == '\n' ? State.SIZE : broken();
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** chunk-size = 1*HEXDIG, then an extension, or the line end (CRLF; a lone LF as §2.2 allows). */
    private void size(byte b) {
        int digit = Character.digit(b, 16);
        if (digit >= 0 && sizeDigits < MAX_SIZE_DIGITS) {
            chunkLeft = chunkLeft * 16 + digit;
            sizeDigits++;
        } else if (sizeDigits == 0 || digit >= 0) {
            state = broken();
        } else if (b == ';' || b == ' ' || b == '\t') {
            state = State.EXTENSION;
        } else if (b == '\r') {
            state = State.SIZE_LF;
        } else if (b == '\n') {
            state = endOfSizeLine();
        } else {
            state = broken();
        }
    }

    private State endOfSizeLine() {
        sizeDigits = 0;
        if (chunkLeft == 0) {
            // The last chunk: the content is complete.
            return State.DONE;
        }
        return State.DATA;
    }

    /** Copies chunk data up to the cap, and passes over what lies beyond it. */
    private void takeData(ByteBuffer in) {
        int n = (int) Math.min(chunkLeft, in.remaining());
        int kept = Math.min(n, cap - decoded.length);
        if (kept > 0) {
            int had = decoded.length;
            decoded = Arrays.copyOf(decoded, had + kept);
            in.get(decoded, had, kept);
        }
        in.position(in.position() + n - kept);
        chunkLeft -= n;
        if (decoded.length == cap) {
            state = State.DONE;
        } else if (chunkLeft == 0) {
            state = State.DATA_CR;
        }
    }

    /** A byte that breaks the chunk syntax ends decoding: the framing is lost, so nothing after it is content. */
    private State broken() {
        return State.DONE;
    }
}
