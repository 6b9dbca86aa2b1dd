package dev.wskit.examples.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.examples.Main;
import dev.wskit.examples.RunningApp;
import dev.wskit.examples.transport.ExampleTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code inspect --replay} over a trace the echo app ({@code --trace}) recorded on each transport of a
 * session with the JDK's client: as recorded, exit 0; with the recorded callback changed by one
 * byte, the divergence and exit 1.
 */
class InspectReplayTest {

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void aSessionTheEchoAppRecordedReplaysAsRecordedAndAChangedOneSaysWhereItDiverges(ExampleTransport transport,
            @TempDir Path traces) throws Exception {
        Path trace = recordOneEchoedMessage(transport, traces, "replay me");

        Run asRecorded = inspect("--replay", trace.toString());
        assertThat(asRecorded.status()).as(asRecorded.out()).isZero();
        assertThat(asRecorded.out()).contains("trace: server connection on " + transport.optionName() + " from /127.0.0.1:")
                .contains("event onOpen")
                .contains("event onText 9 B").contains("\"replay me\"")
                .contains("call sendText 9 chars")
                .contains("event onClose 1000 \"bye\"")
                .contains("replay as recorded: the same callbacks, the same bytes out");

        byte[] changed = Files.readAllBytes(trace);
        // The JDK client masks with a random key: the text is found unmasked only in the trace's events,
        // so the change goes to the recorded callback instead, which the replay must contradict.
        byte[] recordedEvent = "\"replay me\"".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(changed, recordedEvent);
        assertThat(at).isNotNegative();
        changed[at + 1] = 'R';
        Path edited = traces.resolve("edited.wstrace");
        Files.write(edited, changed);

        Run diverged = inspect("--replay", edited.toString());
        assertThat(diverged.status()).isEqualTo(1);
        assertThat(diverged.out()).contains("replay diverged: the replay called onText 9 B")
                .contains("\"replay me\"").contains("\"Replay me\"");
    }

    @Test
    void aFileThatIsNotATraceIsABadArgument(@TempDir Path dir) throws Exception {
        Path notATrace = Files.writeString(dir.resolve("x.wstrace"), "GET / HTTP/1.1\r\n\r\n");
        Run run = inspect("--replay", notATrace.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("not a wskit wire trace");
    }

    /** The echo app, run with {@code --trace}, records one session of the JDK's client. */
    private static Path recordOneEchoedMessage(ExampleTransport transport, Path traces, String text) throws Exception {
        try (RunningApp echo = RunningApp.start("echo", "--transport", transport.optionName(), "--port", "0",
                "--trace", traces.toString())) {
            URI uri = echo.awaitUri("ws");
            CompletableFuture<String> echoed = new CompletableFuture<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            java.net.http.WebSocket client = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(uri, new java.net.http.WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                            echoed.complete(data.toString());
                            ws.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(java.net.http.WebSocket ws, int code, String reason) {
                            closed.complete(code);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            client.sendText(text, true).get(10, TimeUnit.SECONDS);
            assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo(text);
            client.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
            return completeTrace(traces);
        }
    }

    /** The one trace, once its recorder has finished it (the server saw TCP end). */
    private static Path completeTrace(Path traces) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() - deadline < 0) {
            try (Stream<Path> files = Files.list(traces)) {
                List<Path> all = files.toList();
                if (all.size() == 1 && inspect("--replay", all.get(0).toString()).out()
                        .contains("END: the connection's course is over")) {
                    return all.get(0);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no complete trace within 10 s in " + traces);
    }

    record Run(int status, String out, String err) {
    }

    private static Run inspect(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(Stream.concat(Stream.of("inspect"), Stream.of(args)).toList(),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
