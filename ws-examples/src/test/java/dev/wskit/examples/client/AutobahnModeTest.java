package dev.wskit.examples.client;

import static dev.wskit.examples.client.FakeFuzzingServer.Script.DROP;
import static dev.wskit.examples.client.FakeFuzzingServer.Script.ECHOES;
import static dev.wskit.examples.client.FakeFuzzingServer.Script.LARGE_MESSAGE;
import static dev.wskit.examples.client.FakeFuzzingServer.Script.RESERVED_OPCODE;
import static dev.wskit.examples.client.FakeFuzzingServer.Script.SILENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.examples.RunningApp;
import dev.wskit.examples.transport.ExampleTransport;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code client --autobahn}, on every transport, driven by {@link FakeFuzzingServer} as Autobahn's
 * fuzzing server would drive it: the order of the requests, the echoes, and the exit status.
 */
class AutobahnModeTest {

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void runsEveryCaseOnceInOrderEchoingEachMessageThenUpdatesTheReports(ExampleTransport transport) throws Exception {
        try (FakeFuzzingServer server = FakeFuzzingServer.start(List.of(ECHOES, LARGE_MESSAGE, RESERVED_OPCODE, DROP))) {
            // A space and a slash in the agent: the query must carry them encoded.
            RunningApp client = RunningApp.start("client", "--autobahn", server.uri().toString(),
                    "--agent", "wskit test/" + transport.optionName(), "--transport", transport.optionName());

            assertThat(client.awaitExit()).isZero();
            String agent = "agent=wskit test/" + transport.optionName();
            assertThat(server.requests()).containsExactly(
                    "getCaseCount",
                    "runCase 1 " + agent + " deflate",
                    "runCase 2 " + agent + " deflate",
                    "runCase 3 " + agent + " deflate",
                    "runCase 4 " + agent + " deflate",
                    "updateReports " + agent);
            assertThat(server.verdict(1)).isEqualTo("echoed");
            assertThat(server.verdict(2)).isEqualTo("echoed");
            assertThat(server.verdict(3)).isEqualTo("client closed with 1002");
            assertThat(server.verdict(4)).isEqualTo("dropped");
            assertThat(client.out().rest()).containsExactly(
                    "autobahn: 4 cases from " + server.uri() + " as agent wskit test/" + transport.optionName(),
                    "case 1: 1000",
                    "case 2: 1000",
                    "case 3: 1002",
                    "case 4: 1006",
                    "autobahn: reports updated for agent wskit test/" + transport.optionName());
            assertThat(client.err().rest()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void caseStillOpenAfterTheCaseTimeoutIsClosedWith1001AndTheRunGoesOn(ExampleTransport transport) throws Exception {
        try (FakeFuzzingServer server = FakeFuzzingServer.start(List.of(SILENT, ECHOES))) {
            RunningApp client = RunningApp.start("client", "--autobahn", server.uri() + "/",
                    "--case-timeout", "1", "--transport", transport.optionName());

            assertThat(client.awaitExit()).isZero();
            String agent = "agent=wskit-" + transport.optionName();
            assertThat(server.requests()).containsExactly(
                    "getCaseCount", "runCase 1 " + agent + " deflate", "runCase 2 " + agent + " deflate", "updateReports " + agent);
            assertThat(server.verdict(1)).isEqualTo("client closed with 1001");
            assertThat(server.verdict(2)).isEqualTo("echoed");
            assertThat(client.out().rest()).containsExactly(
                    "autobahn: 2 cases from " + server.uri() + "/ as agent wskit-" + transport.optionName(),
                    "case 1: no close within 1 s, closed with 1001",
                    "case 2: 1000",
                    "autobahn: reports updated for agent wskit-" + transport.optionName());
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void refusedCaseCountExitsWith1InOneLine(ExampleTransport transport) throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        RunningApp client = RunningApp.start("client", "--autobahn", "ws://127.0.0.1:" + closedPort,
                "--transport", transport.optionName());

        assertThat(client.awaitExit()).isEqualTo(1);
        assertThat(client.err().next()).startsWith("client: cannot connect to ws://127.0.0.1:" + closedPort + "/getCaseCount: ");
        assertThat(client.err().rest()).isEmpty();
        assertThat(client.out().rest()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void caseCountThatIsNotANumberExitsWith1InOneLine(ExampleTransport transport) throws Exception {
        try (FakeFuzzingServer server = FakeFuzzingServer.start("many", FakeFuzzingServer.Script.CLOSE)) {
            RunningApp client = RunningApp.start("client", "--autobahn", server.uri().toString(),
                    "--transport", transport.optionName());

            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(client.err().next()).isEqualTo("client: " + server.uri() + "/getCaseCount sent 'many', not a case count");
            assertThat(client.err().rest()).isEmpty();
            assertThat(server.requests()).containsExactly("getCaseCount");
        }
    }

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void reportUpdateWithoutAClosingHandshakeExitsWith1(ExampleTransport transport) throws Exception {
        try (FakeFuzzingServer server = FakeFuzzingServer.start("0", DROP)) {
            RunningApp client = RunningApp.start("client", "--autobahn", server.uri().toString(),
                    "--agent", "a", "--transport", transport.optionName());

            assertThat(client.awaitExit()).isEqualTo(1);
            assertThat(server.requests()).containsExactly("getCaseCount", "updateReports agent=a");
            assertThat(client.out().rest()).containsExactly("autobahn: 0 cases from " + server.uri() + " as agent a");
            assertThat(client.err().next()).isEqualTo(
                    "client: " + server.uri() + "/updateReports?agent=a closed with 1006: the reports may not be updated");
        }
    }
}
