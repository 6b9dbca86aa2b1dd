package dev.wskit.testkit.kit;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Netty's own client ({@code WebSocketClientHandshaker}) against the transport's server. */
public interface NettyClientCases extends TransportCases {

    @ParameterizedTest(name = "{0} bytes")
    @FieldSource("dev.wskit.testkit.kit.Payloads#SIZES")
    default void nettyClientsTextOfEverySizeArrivesAndComesBack(int size, Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(Payloads.LARGE_MESSAGES);
        NettyPeer netty = kit.netty(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        String text = Payloads.text(size);
        netty.sendText(text);
        serverSide.expectText(text);
        netty.events().expectText(text);
    }

    @ParameterizedTest(name = "{0} bytes")
    @FieldSource("dev.wskit.testkit.kit.Payloads#SIZES")
    default void nettyClientsBinaryOfEverySizeArrivesAndComesBack(int size, Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(Payloads.LARGE_MESSAGES);
        NettyPeer netty = kit.netty(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        byte[] data = Payloads.binary(size);
        netty.sendBinary(data);
        serverSide.expectBinary(data);
        netty.events().expectBinary(data);
    }

    @Test
    default void nettyClientsFragmentsAreReassembledAndItsPingAnswered(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        NettyPeer netty = kit.netty(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        netty.write(new TextWebSocketFrame(false, 0, "Hel"));
        netty.send(new ContinuationWebSocketFrame(true, 0, "lo wörld"));
        netty.send(new PingWebSocketFrame(Unpooled.copiedBuffer("are you there", StandardCharsets.UTF_8)));
        serverSide.expectText("Hello wörld");
        serverSide.expect("ping:are you there");
        netty.events().expectText("Hello wörld");
        netty.events().expect("pong:are you there");
    }

    @Test
    default void aCloseNettysClientStartsReachesTheHandlerAndIsEchoed(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        NettyPeer netty = kit.netty(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        netty.send(new CloseWebSocketFrame(1000, "bye now"));
        serverSide.expect("close:1000:bye now");
        netty.events().expect("close:1000:");
    }

    @Test
    default void aCloseTheServerStartsReachesNettysClientWithCodeAndReason(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        NettyPeer netty = kit.netty(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        serverSide.socket().close(4001, "server says bye");
        netty.events().expect("close:4001:server says bye");
        serverSide.expect("close:4001:");
    }
}
