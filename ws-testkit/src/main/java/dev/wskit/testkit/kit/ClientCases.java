package dev.wskit.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ConnectionState;
import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The transport's client against Netty's own server ({@link NettyServerPeer}), a peer we did not write. */
public interface ClientCases extends TransportCases {

    @ParameterizedTest(name = "{0} bytes")
    @FieldSource("dev.wskit.testkit.kit.Payloads#SIZES")
    default void textOfEverySizeComesBackFromNettysServer(int size, Kit kit) throws Exception {
        Recorder client = kit.connect(kit.client(Payloads.LARGE_MESSAGES, null), kit.nettyServer().uri());
        client.socket().sendText(Payloads.text(size));
        client.expectText(Payloads.text(size));
    }

    @ParameterizedTest(name = "{0} bytes")
    @FieldSource("dev.wskit.testkit.kit.Payloads#SIZES")
    default void binaryOfEverySizeComesBackFromNettysServer(int size, Kit kit) throws Exception {
        Recorder client = kit.connect(kit.client(Payloads.LARGE_MESSAGES, null), kit.nettyServer().uri());
        client.socket().sendBinary(ByteBuffer.wrap(Payloads.binary(size)));
        client.expectBinary(Payloads.binary(size));
    }

    /** Netty echoes fragments as fragments: the client joins them again. */
    @Test
    default void fragmentsComeBackWholeAndAPingIsAnswered(Kit kit) throws Exception {
        Recorder client = kit.connect(kit.nettyServer().uri());
        client.socket().sendText("Hel", false);
        client.socket().sendText("lo wörld", true);
        client.socket().sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false);
        client.socket().sendBinary(ByteBuffer.wrap(new byte[] {3}), true);
        client.socket().sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)));
        client.expectText("Hello wörld");
        client.expectBinary(new byte[] {1, 2, 3});
        client.expect("pong:are you there");
    }

    /** Netty echoes the whole close frame, reason included. */
    @Test
    default void completesACloseItStarts(Kit kit) throws Exception {
        Recorder client = kit.connect(kit.nettyServer().uri());
        client.socket().close(4000, "bye");
        client.expect("close:4000:bye");
        assertThat(client.socket().state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    default void completesACloseTheServerStarts(Kit kit) throws Exception {
        Recorder client = kit.connect(kit.nettyServer().uri());
        client.socket().sendText(NettyServerPeer.CLOSE_COMMAND);
        client.expect("close:" + NettyServerPeer.CLOSE_CODE + ":" + NettyServerPeer.CLOSE_REASON);
        assertThat(client.socket().state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    default void aConnectAnswered404FailsWithStatusNot101(Kit kit) throws Exception {
        URI elsewhere = kit.nettyServer().uri().resolve("/not-a-websocket");
        Recorder client = kit.recorder("client");
        Throwable failure = Kit.failureOf(kit.client(WebSocketConfig.defaults(), null).connect(elsewhere, client));
        assertThat(failure).isInstanceOf(WebSocketException.class);
        assertThat(((WebSocketException) failure).violation()).isEqualTo(ProtocolViolation.STATUS_NOT_101);
        client.expect("error:STATUS_NOT_101");
    }

    @Test
    default void aConnectToAPortNobodyListensOnFailsWithConnectException(Kit kit) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Recorder client = kit.recorder("client");
        Throwable failure = Kit.failureOf(kit.client(WebSocketConfig.defaults(), null)
                .connect(URI.create("ws://127.0.0.1:" + port + "/"), client));
        assertThat(failure).isInstanceOf(ConnectException.class);
    }
}
