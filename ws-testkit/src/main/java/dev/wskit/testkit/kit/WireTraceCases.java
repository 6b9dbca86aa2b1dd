package dev.wskit.testkit.kit;

import static dev.wskit.testkit.kit.Kit.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import dev.wskit.protocol.upgrade.UpgradeDecision;
import dev.wskit.transport.core.TraceReplay;
import dev.wskit.transport.core.WireTrace;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wire trace recorded on this transport from a real session replays through the engine with the
 * same callbacks and the same bytes out; a trace changed by one byte says where it diverges.
 */
public interface WireTraceCases extends TransportCases {

    @Test
    default void aJdkClientsSessionWithDeflateReplaysIdentically(Kit kit, @TempDir Path traces) throws Exception {
        WebSocketConfig config = WebSocketConfig.builder()
                .perMessageDeflate(PerMessageDeflateConfig.defaults()).build();
        RecordingServer server = kit.echoServer(config, settings -> settings.wireTrace(WireTrace.into(traces)));
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder serverSide = server.nextOpenConnection();

        await(jdk.socket().sendText("hello", true));
        jdk.expectText("hello");
        byte[] large = Payloads.binary(70_000);
        await(jdk.socket().sendBinary(ByteBuffer.wrap(large), true));
        jdk.expectBinary(large);
        await(jdk.socket().sendText("in ", false));
        await(jdk.socket().sendText("pieces", true));
        jdk.expectText("in pieces");
        await(jdk.socket().sendPing(ByteBuffer.wrap("p1".getBytes(StandardCharsets.UTF_8))));
        jdk.expect("pong:p1");
        await(jdk.socket().sendClose(1000, "done"));
        jdk.expect("close:1000:");
        serverSide.expectText("hello");
        serverSide.expectBinary(large);
        serverSide.expectText("in pieces");
        serverSide.expect("ping:p1", "close:1000:done");

        TraceReplay.Result replay = replayWhenComplete(traces);
        assertThat(replay.divergence()).as(String.join("\n", replay.transcript())).isNull();
        assertThat(replay.identical()).isTrue();
        assertThat(replay.header()).containsEntry("transport", kit.transport().name())
                .containsEntry("role", "server");
        assertThat(replay.transcript()).anySatisfy(line -> assertThat(line).contains("event onOpen"))
                .anySatisfy(line -> assertThat(line).contains("event onText 5 B").contains("\"hello\""))
                .anySatisfy(line -> assertThat(line).contains("event onBinary 70000 B"))
                .anySatisfy(line -> assertThat(line).contains("event onText 9 B").contains("\"in pieces\""))
                .anySatisfy(line -> assertThat(line).contains("event onPing 2 B"))
                .anySatisfy(line -> assertThat(line).contains("event onClose 1000 \"done\""))
                .anySatisfy(line -> assertThat(line).contains("call sendBinary 70000 B"));
    }

    @Test
    default void aBadPeersSessionReplaysItsViolationAndCloseIdentically(Kit kit, @TempDir Path traces) throws Exception {
        RecordingServer server = kit.echoServer(WebSocketConfig.defaults(),
                settings -> settings.wireTrace(WireTrace.into(traces)));
        RawPeer peer = kit.rawUpgraded(server.port());
        Recorder serverSide = server.nextOpenConnection();
        peer.write(RawPeer.unmasked(0x81, "Hello".getBytes(StandardCharsets.UTF_8)));
        peer.readToEnd();
        peer.close();
        serverSide.expect("error:" + ProtocolViolation.UNMASKED_CLIENT_FRAME, "close:1002:");

        TraceReplay.Result replay = replayWhenComplete(traces);
        assertThat(replay.identical()).as(String.join("\n", replay.transcript())).isTrue();
        assertThat(replay.transcript())
                .anySatisfy(line -> assertThat(line).contains("event onError " + ProtocolViolation.UNMASKED_CLIENT_FRAME + " (1002)"))
                .anySatisfy(line -> assertThat(line).contains("out ").contains("as recorded"));
    }

    @Test
    default void aTraceWithOneReceivedByteChangedDivergesAtThatMessage(Kit kit, @TempDir Path traces) throws Exception {
        RecordingServer server = kit.echoServer(WebSocketConfig.defaults(),
                settings -> settings.wireTrace(WireTrace.into(traces)));
        RawPeer peer = kit.rawUpgraded(server.port());
        Recorder serverSide = server.nextOpenConnection();
        byte[] frame = RawPeer.masked(0x81, "trace me");
        peer.write(frame);
        assertThat(peer.readFrame(0x81)).isEqualTo("trace me".getBytes(StandardCharsets.UTF_8));
        peer.write(RawPeer.masked(0x88, RawPeer.closePayload(1000, "")));
        peer.readToEnd();
        peer.close();
        serverSide.expectText("trace me");
        serverSide.expect("close:1000:");
        replayWhenComplete(traces);

        Path file = onlyTrace(traces);
        byte[] recorded = Files.readAllBytes(file);
        int at = indexOf(recorded, frame);
        assertThat(at).as("the frame as read, in the trace").isNotNegative();
        recorded[at + frame.length - 1] ^= 0x01;
        TraceReplay.Result replay = TraceReplay.replay(recorded);

        assertThat(replay.identical()).isFalse();
        assertThat(replay.divergence()).contains("onText 8 B").contains("\"trace md\"").contains("\"trace me\"");
    }

    /** Wake-ups drive the replay: the keepalive pings, their round trips, a decision that came later. */
    @Test
    default void aLateDecisionAndKeepalivePingsReplayIdentically(Kit kit, @TempDir Path traces) throws Exception {
        Recorder serverSide = kit.echoingRecorder("server connection");
        WebSocketConfig config = WebSocketConfig.builder().idleTimeout(Duration.ofMillis(500)).build();
        TransportUnderTest.Server server = kit.server(builder -> builder.config(config)
                .upgrade(request -> UpgradeDecision.later(CompletableFuture.supplyAsync(
                        () -> UpgradeDecision.accept(serverSide).withSubprotocol("late.v1"),
                        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))))
                .wireTrace(WireTrace.into(traces)));
        JdkRecorder jdk = kit.jdk(URI.create("ws://127.0.0.1:" + server.port() + "/"),
                kit.jdkBuilder().subprotocols("late.v1"));
        serverSide.expect("open");
        serverSide.ignoreNotes("pong:");
        // Silent for a while: the server pings (numbered), the JDK's client answers each.
        jdk.expect("ping:1");
        jdk.expect("ping:2");
        jdk.ignoreNotes("ping:");
        await(jdk.socket().sendText("after the pings", true));
        jdk.expectText("after the pings");
        serverSide.expectText("after the pings");
        await(jdk.socket().sendClose(1000, ""));
        jdk.expect("close:1000:");
        serverSide.expect("close:1000:");

        TraceReplay.Result replay = replayWhenComplete(traces);
        assertThat(replay.divergence()).as(String.join("\n", replay.transcript())).isNull();
        assertThat(replay.transcript())
                .anySatisfy(line -> assertThat(line).contains("decision later"))
                .anySatisfy(line -> assertThat(line).contains("DECIDED"))
                .anySatisfy(line -> assertThat(line).contains("event onOpen subprotocol=late.v1"))
                .anySatisfy(line -> assertThat(line).contains("WAKE"))
                .anySatisfy(line -> assertThat(line).contains("event onPong"));
    }

    @Test
    default void aTraceStopsAtItsBoundAndReplaysIdenticallyUpToThere(Kit kit, @TempDir Path traces) throws Exception {
        RecordingServer server = kit.echoServer(WebSocketConfig.defaults(),
                settings -> settings.wireTrace(WireTrace.into(traces).maxBytesPerTrace(4096)));
        JdkRecorder jdk = kit.jdk(server.uri());
        Recorder serverSide = server.nextOpenConnection();
        await(jdk.socket().sendText("before the bound", true));
        jdk.expectText("before the bound");
        byte[] large = Payloads.binary(20_000);
        await(jdk.socket().sendBinary(ByteBuffer.wrap(large), true));
        jdk.expectBinary(large);
        await(jdk.socket().sendClose(1000, ""));
        jdk.expect("close:1000:");
        serverSide.expectText("before the bound");
        serverSide.expectBinary(large);
        serverSide.expect("close:1000:");

        // The bound ended the trace, and closed its file, at the large message.
        TraceReplay.Result replay = replayWhenComplete(traces);
        assertThat(replay.truncated()).isTrue();
        Path file = onlyTrace(traces);
        assertThat(Files.size(file)).isLessThanOrEqualTo(4096);
        assertThat(replay.identical()).as(String.join("\n", replay.transcript())).isTrue();
        assertThat(replay.transcript()).anySatisfy(line -> assertThat(line).contains("event onText 16 B"));
    }

    /** The one trace in {@code traces}, replayed once its recorder finished it. */
    private static TraceReplay.Result replayWhenComplete(Path traces) throws Exception {
        return eventually(() -> {
            Path file = onlyTrace(traces);
            if (file == null || Files.size(file) == 0) {
                return null;
            }
            TraceReplay.Result result;
            try {
                result = TraceReplay.replay(file);
            } catch (IllegalArgumentException headerNotWrittenYet) {
                return null;
            }
            return result.complete() ? result : null;
        });
    }

    /** The first non-null answer of {@code probe}, asked every 20 ms for up to 10 s. */
    private static <T> T eventually(Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            T answer = probe.ask();
            if (answer != null) {
                return answer;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no complete wire trace within 10 s");
            }
            Thread.sleep(20);
        }
    }

    /** A question asked until it has an answer. */
    interface Probe<T> {
        T ask() throws Exception;
    }

    private static Path onlyTrace(Path traces) throws IOException {
        try (Stream<Path> files = Files.list(traces)) {
            List<Path> all = files.filter(path -> path.toString().endsWith(".wstrace")).toList();
            assertThat(all).hasSizeLessThanOrEqualTo(1);
            return all.isEmpty() ? null : all.get(0);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
