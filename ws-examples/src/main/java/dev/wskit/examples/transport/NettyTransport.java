package dev.wskit.examples.transport;

import dev.wskit.protocol.WebSocket;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketHandler;
import dev.wskit.protocol.upgrade.UpgradeDecider;
import dev.wskit.transport.core.ServerBuilder;
import dev.wskit.transport.netty.NettyWebSocketClient;
import dev.wskit.transport.netty.NettyWebSocketServer;
import dev.wskit.transport.netty.http2.NettyHttp2WebSocketServer;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Netty 4.2 channels on event loops the server or client creates for itself. */
final class NettyTransport implements Transport {

    @Override
    public RunningServer start(String host, int port, WebSocketConfig config, UpgradeDecider decider,
                               Consumer<? super ServerBuilder<?>> watching) throws IOException {
        NettyWebSocketServer.Builder builder = NettyWebSocketServer.builder()
                .host(host).port(port).config(config).upgrade(decider);
        watching.accept(builder);
        NettyWebSocketServer server = builder.build().start();
        return new RunningServer(host, server.port(), () -> server.stop(config.closeTimeout()));
    }

    /**
     * A server that also speaks HTTP/2 on its port (RFC 8441): h2c with prior knowledge, one
     * WebSocket per extended CONNECT stream, and HTTP/1.1 WebSockets as {@link #start} serves them.
     */
    static RunningServer startHttp2(String host, int port, WebSocketConfig config, UpgradeDecider decider,
                                    Consumer<? super ServerBuilder<?>> watching) throws IOException {
        NettyHttp2WebSocketServer.Builder builder = NettyHttp2WebSocketServer.builder()
                .host(host).port(port).config(config).upgrade(decider);
        watching.accept(builder);
        NettyHttp2WebSocketServer server = builder.build().start();
        return new RunningServer(host, server.port(), () -> server.stop(config.closeTimeout()));
    }

    @Override
    public ClientConnection connect(URI uri, WebSocketConfig config, ClientOptions options,
                                    WebSocketHandler handler) throws Exception {
        NettyWebSocketClient.Builder builder = NettyWebSocketClient.builder().config(config);
        options.applyTo(builder);
        NettyWebSocketClient client = builder.build();
        try {
            WebSocket socket = Transport.await(client.connect(uri, handler));
            return new ClientConnection(socket, client::close);
        } catch (Exception failed) {
            client.close();
            throw failed;
        }
    }
}
