package dev.wskit.testkit.kit;

import static dev.wskit.testkit.kit.Kit.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The JDK's own client ({@code java.net.http.WebSocket}) against the transport's server. */
public interface JdkClientCases extends TransportCases {

    @ParameterizedTest(name = "{0} bytes")
    @FieldSource("dev.wskit.testkit.kit.Payloads#SIZES")
    default void jdkClientsTextOfEverySizeArrivesAndComesBack(int size, Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(Payloads.LARGE_MESSAGES);
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        String text = Payloads.text(size);
        await(jdk.socket().sendText(text, true));
        serverSide.expectText(text);
        jdk.expectText(text);
    }

    @ParameterizedTest(name = "{0} bytes")
    @FieldSource("dev.wskit.testkit.kit.Payloads#SIZES")
    default void jdkClientsBinaryOfEverySizeArrivesAndComesBack(int size, Kit kit) throws Exception {
        RecordingServer server = kit.echoServer(Payloads.LARGE_MESSAGES);
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        byte[] data = Payloads.binary(size);
        await(jdk.socket().sendBinary(ByteBuffer.wrap(data), true));
        serverSide.expectBinary(data);
        jdk.expectBinary(data);
    }

    @Test
    default void jdkClientsFragmentsAreReassembled(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        await(jdk.socket().sendText("Hel", false));
        await(jdk.socket().sendText("lo wörld", true));
        await(jdk.socket().sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false));
        await(jdk.socket().sendBinary(ByteBuffer.wrap(new byte[] {3}), false));
        await(jdk.socket().sendBinary(ByteBuffer.wrap(new byte[] {4, 5}), true));
        serverSide.expectText("Hello wörld");
        serverSide.expectBinary(new byte[] {1, 2, 3, 4, 5});
        jdk.expectText("Hello wörld");
        jdk.expectBinary(new byte[] {1, 2, 3, 4, 5});
    }

    @Test
    default void jdkClientsPingIsAnsweredWithAPongOfTheSamePayload(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        await(jdk.socket().sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))));
        serverSide.expect("ping:are you there");
        jdk.expect("pong:are you there");
    }

    /** RFC 6455 §5.5.1: the reply echoes the code; the reason is the server's own (none). */
    @Test
    default void aCloseTheJdkClientStartsReachesTheHandlerAndIsEchoed(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        await(jdk.socket().sendClose(4000, "bye"));
        serverSide.expect("close:4000:bye");
        jdk.expect("close:4000:");
    }

    @Test
    default void aCloseTheServerStartsReachesTheJdkClientWithCodeAndReason(Kit kit) throws Exception {
        RecordingServer server = kit.echoServer();
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        // From the test thread, not a callback: every transport takes a close from any thread.
        serverSide.socket().close(4001, "server says bye");
        jdk.expect("close:4001:server says bye");
        // The JDK answers by itself once its onClose returns, echoing the code.
        serverSide.expect("close:4001:");
    }
}
