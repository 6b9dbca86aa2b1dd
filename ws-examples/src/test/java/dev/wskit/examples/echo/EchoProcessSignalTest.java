package dev.wskit.examples.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.examples.LineCapture;
import dev.wskit.examples.Main;
import dev.wskit.examples.RecordingClient;
import dev.wskit.examples.transport.ExampleTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The echo app as a person runs it, a JVM of its own, stopped by a signal as Ctrl-C or a service
 * manager stops it: the open connection gets 1001 and the process exits 0, as the README says,
 * after the JVM's other shutdown hooks ran.
 */
class EchoProcessSignalTest {
    private static final String LISTENING_ON = " listening on ";

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalStopsGracefullyAndTheProcessExitsZero(String signal) throws Exception {
        Process echo = startEcho();
        try {
            LineCapture out = capture(echo);
            try (RecordingClient client = RecordingClient.connect(ExampleTransport.NETTY, announced(out))) {
                // The echo proves the server holds the connection open before the signal.
                client.socket().sendText("open");
                assertThat(client.next()).isEqualTo("text:open");

                send(signal, echo);

                assertThat(client.next()).isEqualTo("close:1001 server stopping");
                assertThat(out.next()).isEqualTo("stopped");
                assertThat(echo.waitFor(20, TimeUnit.SECONDS)).as("the process ended within 20 s").isTrue();
                assertThat(echo.exitValue()).as("exit status after SIG" + signal).isZero();
            }
        } finally {
            echo.destroyForcibly();
        }
    }

    /**
     * After Ctrl-C the JVM's own shutdown hooks run too: a flight recording started with
     * {@code dumponexit} is written, holding the connection's events, and the status is still 0.
     */
    @Test
    void aRecordingDumpedOnExitHoldsTheConnectionAfterCtrlC(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("echo.jfr");
        Process echo = startEcho("-XX:StartFlightRecording:filename=" + recording + ",dumponexit=true");
        try {
            LineCapture out = capture(echo);
            try (RecordingClient client = RecordingClient.connect(ExampleTransport.NETTY, announced(out))) {
                client.socket().sendText("recorded");
                assertThat(client.next()).isEqualTo("text:recorded");

                send("INT", echo);

                assertThat(client.next()).isEqualTo("close:1001 server stopping");
            }
            assertThat(echo.waitFor(20, TimeUnit.SECONDS)).as("the process ended within 20 s").isTrue();
            assertThat(echo.exitValue()).as("exit status after SIGINT").isZero();
        } finally {
            echo.destroyForcibly();
        }
        assertThat(RecordingFile.readAllEvents(recording))
                .extracting(event -> event.getEventType().getName())
                .contains("dev.wskit.ConnectionOpened", "dev.wskit.ConnectionClosed");
    }

    /** The echo app in a JVM of its own, on any free port, with {@code jvmOptions} before the class. */
    private static Process startEcho(String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        // A build started as a shell's background job has SIGINT ignored, and every child inherits
        // that; a person at a terminal has it at its default, which is what these cases are about.
        if (SIGNALS_RESETTABLE) {
            command.addAll(List.of("env", "--default-signal=INT,TERM"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "echo", "--port", "0"));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Whether {@code env} can reset signals to their defaults (GNU coreutils 8.31 and later). */
    private static final boolean SIGNALS_RESETTABLE = canResetSignals();

    private static boolean canResetSignals() {
        try {
            return new ProcessBuilder("env", "--default-signal=INT,TERM", "true").start().waitFor() == 0;
        } catch (IOException noEnv) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The address the app announced. */
    private static URI announced(LineCapture out) throws InterruptedException {
        String announced = out.await(line -> line.contains(LISTENING_ON));
        return URI.create(announced.substring(announced.indexOf(LISTENING_ON) + LISTENING_ON.length()));
    }

    private static void send(String signal, Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
        assertThat(kill.waitFor()).as("kill's exit status").isZero();
    }

    /** The process's output, line by line, read on a thread of its own until the process ends. */
    private static LineCapture capture(Process process) {
        LineCapture out = new LineCapture();
        Thread reader = new Thread(() -> {
            try {
                process.getInputStream().transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "echo process output");
        reader.setDaemon(true);
        reader.start();
        return out;
    }
}
