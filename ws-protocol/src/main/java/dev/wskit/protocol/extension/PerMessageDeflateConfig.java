package dev.wskit.protocol.extension;

import java.util.zip.Deflater;

/**
 * Settings of permessage-deflate (RFC 7692), the same on every transport. Put one into
 * {@code WebSocketConfig.builder().perMessageDeflate(...)} to offer (client) or accept (server)
 * compression.
 *
 * <p>Windows (RFC 7692 §7.1.2): a server accepts any {@code server_max_window_bits} from 8 to 15,
 * and a client offers {@code client_max_window_bits} and keeps to the window the server names.
 * The JDK's {@link Deflater} always searches 32 KiB (15 bits), so below 15 bits messages are
 * compressed with Huffman coding alone, which refers to nothing earlier: correct for any window,
 * at a worse ratio (about 0.6 of the original size for text, against 0.05–0.4 with the full
 * window). Receiving works with every window size.
 */
public final class PerMessageDeflateConfig {
    private final int compressionLevel;
    private final int threshold;
    private final boolean serverNoContextTakeover;
    private final boolean clientNoContextTakeover;

    private PerMessageDeflateConfig(Builder b) {
        this.compressionLevel = b.compressionLevel;
        this.threshold = b.threshold;
        this.serverNoContextTakeover = b.serverNoContextTakeover;
        this.clientNoContextTakeover = b.clientNoContextTakeover;
    }

    /**
     * The defaults: zlib's level, 64-byte threshold, context takeover on both sides.
     *
     * @return a configuration with every setting at its default
     */
    public static PerMessageDeflateConfig defaults() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder whose every setting is at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@link Deflater} level, 0–9 or -1 for zlib's default (6). Default -1.
     *
     * @return the level, -1 or 0 (store only) to 9 (best compression)
     */
    public int compressionLevel() {
        return compressionLevel;
    }

    /**
     * Messages shorter than this many bytes are sent uncompressed (RFC 7692 §6 lets each
     * message choose); deflate only costs time on tiny ones. Default 64.
     *
     * @return the threshold in bytes of payload, at least 0
     */
    public int threshold() {
        return threshold;
    }

    /**
     * Ask (client) or require (server) that the server compress each message on its own
     * (RFC 7692 §7.1.1.1): less memory kept per connection, worse compression. Default off.
     *
     * @return {@code true} when the server is to reset its compression context after every message
     */
    public boolean serverNoContextTakeover() {
        return serverNoContextTakeover;
    }

    /**
     * The same for the client's messages (RFC 7692 §7.1.1.2). Default off.
     *
     * @return {@code true} when the client is to reset its compression context after every message
     */
    public boolean clientNoContextTakeover() {
        return clientNoContextTakeover;
    }

    /** Builds a {@link PerMessageDeflateConfig}; every setting starts at its default. */
    public static final class Builder {
        private int compressionLevel = Deflater.DEFAULT_COMPRESSION;
        private int threshold = 64;
        private boolean serverNoContextTakeover;
        private boolean clientNoContextTakeover;

        private Builder() {
        }

        /**
         * Sets {@link PerMessageDeflateConfig#compressionLevel()}.
         *
         * @param level -1 for zlib's default, or 0 (store only) to 9 (best compression); anything
         *     else throws {@link IllegalArgumentException}
         * @return this builder
         */
        public Builder compressionLevel(int level) {
            if (level < -1 || level > 9) {
                throw new IllegalArgumentException("compression level must be -1 or 0..9: " + level);
            }
            this.compressionLevel = level;
            return this;
        }

        /**
         * Sets {@link PerMessageDeflateConfig#threshold()}.
         *
         * @param bytes the threshold in bytes of payload; not negative, 0 compresses every message
         * @return this builder
         */
        public Builder threshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("threshold must not be negative: " + bytes);
            }
            this.threshold = bytes;
            return this;
        }

        /**
         * Sets {@link PerMessageDeflateConfig#serverNoContextTakeover()}.
         *
         * @param on {@code true} to ask for (client) or require (server)
         *     {@code server_no_context_takeover}
         * @return this builder
         */
        public Builder serverNoContextTakeover(boolean on) {
            this.serverNoContextTakeover = on;
            return this;
        }

        /**
         * Sets {@link PerMessageDeflateConfig#clientNoContextTakeover()}.
         *
         * @param on {@code true} to use {@code client_no_context_takeover}
         * @return this builder
         */
        public Builder clientNoContextTakeover(boolean on) {
            this.clientNoContextTakeover = on;
            return this;
        }

        /**
         * A configuration with these settings.
         *
         * @return a new immutable configuration
         */
        public PerMessageDeflateConfig build() {
            return new PerMessageDeflateConfig(this);
        }
    }
}
