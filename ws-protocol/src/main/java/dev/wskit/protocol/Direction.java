package dev.wskit.protocol;

/** Which way a data message went, for {@link ConnectionListener#message}. */
public enum Direction {
    /** From the peer: a message this end received. */
    IN,
    /** To the peer: a message this end sent. */
    OUT
}
