package dev.wskit.testkit.kit;

import dev.wskit.protocol.WebSocketConfig;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The transport's client and server together: every size both ways, the copying and the handing-over sends. */
public interface PayloadSizeCases extends TransportCases {

    @ParameterizedTest(name = "{0} bytes")
    @FieldSource("dev.wskit.testkit.kit.Payloads#SIZES")
    default void textOfEverySizeGoesBothWays(int size, Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(Payloads.LARGE_MESSAGES);
        Recorder client = kit.connect(kit.client(Payloads.LARGE_MESSAGES, null), server.uri());
        Recorder serverSide = server.nextOpenConnection();
        String text = Payloads.text(size);
        client.socket().sendText(text);
        serverSide.expectText(text);
        client.expectText(text);
    }

    @ParameterizedTest(name = "{0} bytes")
    @FieldSource("dev.wskit.testkit.kit.Payloads#SIZES")
    default void binaryOfEverySizeGoesBothWays(int size, Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(Payloads.LARGE_MESSAGES);
        Recorder client = kit.connect(kit.client(Payloads.LARGE_MESSAGES, null), server.uri());
        Recorder serverSide = server.nextOpenConnection();
        byte[] data = Payloads.binary(size);
        client.socket().sendBinary(ByteBuffer.wrap(data));
        serverSide.expectBinary(data);
        client.expectBinary(data);
    }

    /** {@code transferBinary} hands the buffer over: the client masks it in place (RFC 6455 §5.3). */
    @ParameterizedTest(name = "{0} bytes")
    @FieldSource("dev.wskit.testkit.kit.Payloads#SIZES")
    default void binaryOfEverySizeHandedOverArrivesUnchanged(int size, Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(Payloads.LARGE_MESSAGES);
        Recorder client = kit.connect(kit.client(Payloads.LARGE_MESSAGES, null), server.uri());
        Recorder serverSide = server.nextOpenConnection();
        client.socket().transferBinary(ByteBuffer.wrap(Payloads.binary(size)));
        serverSide.expectBinary(Payloads.binary(size));
        client.expectBinary(Payloads.binary(size));
    }

    @Test
    default void fragmentsSentInPiecesArriveWhole(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        Recorder client = kit.connect(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        client.socket().sendText("Hel", false);
        client.socket().sendText("lo wörld", true);
        client.socket().sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false);
        client.socket().sendBinary(ByteBuffer.wrap(new byte[] {3}), true);
        serverSide.expectText("Hello wörld");
        serverSide.expectBinary(new byte[] {1, 2, 3});
        client.expectText("Hello wörld");
        client.expectBinary(new byte[] {1, 2, 3});
    }

    /** A server cutting messages into frames of at most 1000 bytes; the client joins them. */
    @Test
    default void messagesSplitIntoFramesAreJoined(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(WebSocketConfig.builder().maxOutgoingFrameSize(1000).build());
        Recorder client = kit.connect(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        String text = Payloads.text(65_537);
        client.socket().sendText(text);
        client.socket().sendBinary(ByteBuffer.wrap(Payloads.binary(65_537)));
        serverSide.expectText(text);
        serverSide.expectBinary(Payloads.binary(65_537));
        client.expectText(text);
        client.expectBinary(Payloads.binary(65_537));
    }
}
