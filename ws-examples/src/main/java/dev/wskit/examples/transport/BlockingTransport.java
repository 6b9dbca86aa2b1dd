package dev.wskit.examples.transport;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.transport.core.ServerBuilder;
import dev.wskit.transport.blocking.BlockingWebSocketClient;
import dev.wskit.transport.blocking.BlockingWebSocketServer;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@code java.net} sockets, a thread per connection. */
final class BlockingTransport implements Transport {

    @Override
    public RunningServer start(String host, int port, WebSocketConfig config, UpgradeDecider decider,
                               Consumer<? super ServerBuilder<?>> watching) throws IOException {
        BlockingWebSocketServer.Builder builder = BlockingWebSocketServer.builder()
                .host(host).port(port).config(config).upgrade(decider);
        watching.accept(builder);
        BlockingWebSocketServer server = builder.build().start();
        return new RunningServer(host, server.port(), () -> server.stop(config.closeTimeout()));
    }

    @Override
    public ClientConnection connect(URI uri, WebSocketConfig config, ClientOptions options,
                                    WebSocketHandler handler) throws IOException {
        BlockingWebSocketClient.Builder builder = BlockingWebSocketClient.builder().config(config);
        options.applyTo(builder);
        BlockingWebSocketClient client = builder.build();
        try {
            WebSocket socket = client.connect(uri, handler);
            return new ClientConnection(socket, client::close);
        } catch (IOException | RuntimeException failed) {
            client.close();
            throw failed;
        }
    }
}
