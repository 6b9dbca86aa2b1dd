package dev.wskit.benchmarks.servers;

import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;

/**
 * What every echo server of one run allows, the same for each stack so none is compared with a
 * tighter budget than another.
 */
public enum EchoProfile {
    /**
     * The load benchmark's: 1 MiB messages and no compression anywhere (each stack's default is
     * off except Vert.x's, which is switched off explicitly). 1 MiB is above the 64 KiB bulk
     * messages (Netty's own default, 65 536, is exactly that size and would leave no room).
     */
    BENCHMARK("benchmark", 1 << 20, false),
    /**
     * The echo example's, which the attack suite targets: 32 MiB messages and permessage-deflate
     * (RFC 7692) accepted, so attacks on inflation reach every stack's decompressor.
     */
    ECHO_APP("echo-app", 32 << 20, true);

    private final String id;
    private final int maxMessageBytes;
    private final boolean deflate;

    EchoProfile(String id, int maxMessageBytes, boolean deflate) {
        this.id = id;
        this.maxMessageBytes = maxMessageBytes;
        this.deflate = deflate;
    }

    public String id() {
        return id;
    }

    /** Largest frame and largest message (after inflation, where compressed). */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** Whether permessage-deflate is accepted. */
    public boolean deflate() {
        return deflate;
    }

    public static EchoProfile of(String id) {
        for (EchoProfile profile : values()) {
            if (profile.id.equals(id)) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown profile: " + id);
    }

    WebSocketConfig wskitConfig() {
        WebSocketConfig.Builder config = WebSocketConfig.builder()
                .maxFramePayload(maxMessageBytes)
                .maxMessageSize(maxMessageBytes)
                .maxHandshakeBytes(EchoLimits.MAX_HANDSHAKE_BYTES);
        if (deflate) {
            // As the echo example: the echo of one whole message is queued at once, with room for the next.
            config.maxOutboundBytes(2L * maxMessageBytes)
                    .perMessageDeflate(PerMessageDeflateConfig.defaults());
        }
        return config.build();
    }
}
