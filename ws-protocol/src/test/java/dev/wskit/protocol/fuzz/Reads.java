package dev.wskit.protocol.fuzz;

import java.nio.ByteBuffer;

/**
 * The kinds of buffer a transport may hand the engine. Indexes in the engine are absolute, so a
 * buffer whose position is not 0, or whose array starts elsewhere, catches an index taken
 * relative to the wrong origin; a direct buffer has no array at all.
 */
enum Reads {
    HEAP,
    /** Position and limit inside a larger array, as after a partial read into a reused buffer. */
    POSITIONED,
    /** A slice whose array offset is not 0. */
    SLICED,
    DIRECT,
    /** Read-only: the engine must copy before unmasking in place (server role only makes a difference). */
    READ_ONLY;

    private static final int PADDING = 5;

    /** The kind picked by a fuzzer's byte; {@code writableOnly} leaves out {@link #READ_ONLY}. */
    static Reads pickedBy(int choice, boolean writableOnly) {
        int kinds = writableOnly ? READ_ONLY.ordinal() : values().length;
        return values()[Math.floorMod(choice, kinds)];
    }

    /** {@code piece} in a buffer of this kind, from its position to its limit. */
    ByteBuffer wrap(byte[] piece) {
        return switch (this) {
            case HEAP -> ByteBuffer.wrap(piece);
            case POSITIONED -> ByteBuffer.wrap(padded(piece), PADDING, piece.length);
            case SLICED -> ByteBuffer.wrap(padded(piece), PADDING, piece.length).slice();
            case DIRECT -> ByteBuffer.allocateDirect(piece.length).put(piece).flip();
            case READ_ONLY -> ByteBuffer.wrap(piece).asReadOnlyBuffer();
        };
    }

    /** Padding that is not zero, so a read outside the piece shows up in what is decoded. */
    private static byte[] padded(byte[] piece) {
        byte[] padded = new byte[piece.length + 2 * PADDING];
        java.util.Arrays.fill(padded, (byte) 0xA5);
        System.arraycopy(piece, 0, padded, PADDING, piece.length);
        return padded;
    }
}
