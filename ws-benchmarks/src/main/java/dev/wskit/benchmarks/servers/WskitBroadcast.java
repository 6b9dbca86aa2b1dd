package dev.wskit.benchmarks.servers;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.engine.PreparedMessage;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broadcast every wskit server runs: a message from one connection is prepared once
 * ({@link PreparedMessage}, its frame encoded once) and sent to every other open connection with
 * {@link PreparedMessage#sendTo}, which queues the same frame bytes on each without a copy. One
 * instance per server, shared by its connections.
 *
 * <p>Backpressure: the transports' defaults, the same as the echo's; the sender does not consult
 * writability. A subscriber holding more than {@code maxOutboundBytes} (4 MiB) unwritten is
 * dropped by wskit, where Netty and Vert.x would queue without bound; the load tool's window
 * keeps every subscriber far below that, so no stack reaches its limit.
 */
final class WskitBroadcast implements WebSocketHandler {
    private final Set<WebSocket> members = ConcurrentHashMap.newKeySet();

    @Override
    public void onOpen(WebSocket socket) {
        members.add(socket);
    }

    @Override
    public void onText(WebSocket socket, String text) {
        broadcast(socket, PreparedMessage.text(text));
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        broadcast(socket, PreparedMessage.binary(data));
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        members.remove(socket);
    }

    private void broadcast(WebSocket from, PreparedMessage message) {
        for (WebSocket member : members) {
            if (member != from) {
                message.sendTo(member);
            }
        }
    }
}
