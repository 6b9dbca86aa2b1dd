package dev.wskit.protocol;

/** Which end of the connection the engine plays; it decides the masking direction (RFC 6455 §5.1). */
public enum Role {
    /** Accepts the upgrade; receives masked frames, sends unmasked ones. */
    SERVER,
    /** Initiates the upgrade; sends masked frames with a fresh key each, receives unmasked ones. */
    CLIENT
}
