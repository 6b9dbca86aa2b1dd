package dev.wskit.examples;

import dev.wskit.protocol.WebSocketConfig;

/**
 * Limits for an endpoint that echoes whatever a conformance suite sends: the echo server, and the
 * client in {@code --echo} or {@code --autobahn} mode under a fuzzing server.
 */
public final class ConformanceLimits {
    private static final int MIB = 1024 * 1024;
    /** Twice Autobahn's largest messages (cases 9.1.6 and 9.2.6, 16 MiB), so every case fits. */
    public static final int MAX_MESSAGE = 32 * MIB;
    /** Autobahn's cases 9.3.1 and 9.4.1 send a 4 MiB message in fragments of 64 bytes. */
    public static final int MAX_FRAGMENTS = 4 * MIB / 64;

    private ConformanceLimits() {
    }

    /** Sets frame, message, fragment and outbound limits on {@code config}. */
    public static WebSocketConfig.Builder apply(WebSocketConfig.Builder config) {
        return config
                .maxFramePayload(MAX_MESSAGE)
                .maxMessageSize(MAX_MESSAGE)
                .maxFragmentsPerMessage(MAX_FRAGMENTS)
                // The echo of one whole message is queued at once: room for it and the next one.
                .maxOutboundBytes(2L * MAX_MESSAGE);
    }
}
