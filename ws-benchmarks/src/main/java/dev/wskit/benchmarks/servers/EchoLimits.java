package dev.wskit.benchmarks.servers;

import dev.wskit.protocol.WebSocketConfig;

/**
 * The limits every echo server runs with, so that no stack is compared with a tighter budget than
 * another: the same largest frame and message, and no compression anywhere (each stack's default
 * is off except Vert.x's, which is switched off explicitly).
 */
final class EchoLimits {
    /**
     * Largest frame and message: above the 64 KiB bulk messages (Netty's own default, 65 536, is
     * exactly that size and would leave no room for the bulk case with a larger size).
     */
    static final int MAX_MESSAGE_BYTES = 1 << 20;

    /** Largest HTTP opening request, for the stacks that aggregate it (Netty's own). */
    static final int MAX_HANDSHAKE_BYTES = 8192;

    /** BlockingWebSocketServer refuses beyond its maxConnections (default 10 000); the memory point opens 10 000. */
    static final int MAX_CONNECTIONS = 50_000;

    private EchoLimits() {
    }

    static WebSocketConfig wskitConfig() {
        return WebSocketConfig.builder()
                .maxFramePayload(MAX_MESSAGE_BYTES)
                .maxMessageSize(MAX_MESSAGE_BYTES)
                .maxHandshakeBytes(MAX_HANDSHAKE_BYTES)
                .build();
    }
}
