package dev.wskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.examples.transport.ExampleTransport;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: help, exit statuses, and one-line errors. */
class MainTest {
    private final LineCapture out = new LineCapture();
    private final LineCapture err = new LineCapture();

    private int run(String... args) {
        return Main.run(List.of(args), new ByteArrayInputStream(new byte[0]), out.stream(), err.stream());
    }

    @Test
    void helpListsEveryAppAndExitsWith0() {
        assertThat(run("--help")).isZero();

        assertThat(out.rest()).anyMatch(l -> l.startsWith("usage: java -jar wskit-examples.jar APP"))
                .anyMatch(l -> l.startsWith("  echo "))
                .anyMatch(l -> l.startsWith("  chat "))
                .anyMatch(l -> l.startsWith("  client "))
                .anyMatch(l -> l.startsWith("  inspect "));
    }

    @Test
    void noAppPrintsHelpAndExitsWith2() {
        assertThat(run()).isEqualTo(2);
        assertThat(out.rest()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "chat", "client"})
    void eachAppHasItsOwnHelp(String app) {
        assertThat(run(app, "--help")).isZero();

        List<String> help = out.rest();
        assertThat(help.get(0)).startsWith("usage: " + app + " ");
        assertThat(help).anyMatch(l -> l.contains("--transport blocking|netty|vertx"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "nope",
        "echo --bogus",
        "echo --transport carrier-pigeon",
        "chat --port 70000",
        "chat --port",
        "echo extra",
        "client",
        "client http://example.com/",
        "client --header NoColon ws://127.0.0.1:1/",
        "client --header Sec-WebSocket-Key:x ws://127.0.0.1:1/",
        "client --subprotocol a,b ws://127.0.0.1:1/",
        "client --agent a ws://127.0.0.1:1/",
        "client --autobahn http://127.0.0.1:1",
        "client --autobahn ws://127.0.0.1:1/?case=1",
        "client --autobahn ws://127.0.0.1:1 ws://127.0.0.1:2/",
        "client --autobahn ws://127.0.0.1:1 --case-timeout 0"})
    void badArgumentIsOneLineAndExitStatus2(String line) throws InterruptedException {
        assertThat(run(line.split(" "))).isEqualTo(2);

        assertThat(err.next()).contains("--help");
        assertThat(err.rest()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void portInUseIsOneLineAndExitStatus1(ExampleTransport transport) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThat(run("echo", "--transport", transport.optionName(), "--port", Integer.toString(port))).isEqualTo(1);

            assertThat(err.next()).isEqualTo("echo: cannot listen on 127.0.0.1:" + port + ": Address already in use");
            assertThat(err.rest()).isEmpty();
        }
    }
}
