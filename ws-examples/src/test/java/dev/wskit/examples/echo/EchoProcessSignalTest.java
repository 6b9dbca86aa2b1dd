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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The echo app as a person runs it, a JVM of its own, stopped by a signal as Ctrl-C or a service
 * manager stops it: the open connection gets 1001 and the process exits 0, as the README says.
 */
class EchoProcessSignalTest {
    private static final String LISTENING_ON = " listening on ";

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalStopsGracefullyAndTheProcessExitsZero(String signal) throws Exception {
        Process echo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "echo", "--port", "0")
                .redirectErrorStream(true).start();
        try {
            LineCapture out = capture(echo);
            String announced = out.await(line -> line.contains(LISTENING_ON));
            URI uri = URI.create(announced.substring(announced.indexOf(LISTENING_ON) + LISTENING_ON.length()));
            try (RecordingClient client = RecordingClient.connect(ExampleTransport.NETTY, uri)) {
                // The echo proves the server holds the connection open before the signal.
                client.socket().sendText("open");
                assertThat(client.next()).isEqualTo("text:open");

                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(echo.pid())).start();
                assertThat(kill.waitFor()).as("kill's exit status").isZero();

                assertThat(client.next()).isEqualTo("close:1001 server stopping");
                assertThat(out.next()).isEqualTo("stopped");
                assertThat(echo.waitFor(20, TimeUnit.SECONDS)).as("the process ended within 20 s").isTrue();
                assertThat(echo.exitValue()).as("exit status after SIG" + signal).isZero();
            }
        } finally {
            echo.destroyForcibly();
        }
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
