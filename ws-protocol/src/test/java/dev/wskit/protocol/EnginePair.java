package dev.wskit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.handshake.ClientHandshake;
import java.net.URI;
import java.nio.ByteBuffer;

/** A client engine and a server engine joined by an in-memory pipe: each pump moves every queued byte across. */
public final class EnginePair {
    public final RecordingHandler clientEvents = new RecordingHandler();
    public final RecordingHandler serverEvents = new RecordingHandler();
    public final WebSocketEngine client;
    public final WebSocketEngine server;

    public EnginePair(WebSocketConfig clientConfig, WebSocketConfig serverConfig) {
        this(clientConfig, serverConfig, ConnectionListener.NONE, ConnectionListener.NONE);
    }

    /** A pair whose engines each tell their own listener, set before the first byte moves. */
    public EnginePair(WebSocketConfig clientConfig, WebSocketConfig serverConfig, ConnectionListener clientListener,
                      ConnectionListener serverListener) {
        client = WebSocketEngine.client(
                ClientHandshake.builder(URI.create("ws://localhost/")).build(clientConfig), clientConfig, clientEvents, new TestClock());
        server = WebSocketEngine.server(serverConfig, serverEvents, new TestClock());
        client.listener(clientListener, "pipe", null);
        server.listener(serverListener, "pipe", null);
        pump();
        assertThat(clientEvents.take()).containsExactly("open");
        assertThat(serverEvents.take()).containsExactly("open");
    }

    /** Moves bytes both ways until neither side has anything queued. */
    public EnginePair pump() {
        boolean moved = true;
        while (moved) {
            moved = move(client, server) | move(server, client);
        }
        return this;
    }

    private static boolean move(WebSocketEngine from, WebSocketEngine to) {
        boolean moved = false;
        for (ByteBuffer b; (b = from.pollOutbound()) != null; ) {
            to.receive(b);
            moved = true;
        }
        return moved;
    }
}
