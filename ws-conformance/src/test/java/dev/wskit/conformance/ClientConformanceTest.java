package dev.wskit.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wskit.protocol.WebSocketConfig;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client side of the conformance suite: a scripted raw server drives every transport's
 * client through {@link ClientCases}. A case that fails fails the build.
 */
class ClientConformanceTest {
    private static final List<ClientCase> CASES = ClientCases.all();
    private static final Map<Transport, Transport.Client> CLIENTS = new EnumMap<>(Transport.class);
    private static ClientCaseRunner runner;

    @BeforeAll
    static void startTheScriptedServerAndTheClients() throws Exception {
        runner = new ClientCaseRunner();
        // Room for the 16 MiB messages of case C1.2.9 coming in, and their echo queued while the
        // scripted server reads it.
        WebSocketConfig config = WebSocketConfig.builder()
                .maxFramePayload(16 * Transport.MIB)
                .maxMessageSize(16 * Transport.MIB)
                .maxOutboundBytes(64L * Transport.MIB)
                .build();
        for (Transport t : Transport.values()) {
            CLIENTS.put(t, t.client(config));
        }
    }

    @AfterAll
    static void stopAndWriteTheReport() throws Exception {
        ConformanceReport.write();
        CLIENTS.values().forEach(Transport.Client::close);
        runner.close();
        Transport.closeShared();
    }

    static Stream<Arguments> cases() {
        return Stream.of(Transport.values()).flatMap(t -> CASES.stream().map(c -> Arguments.of(t, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    @Timeout(60)
    void clientAnswersAsTheRfcRequires(Transport transport, ClientCase c) {
        Outcome outcome = runner.play(c, transport, CLIENTS.get(transport));
        ConformanceReport.add(outcome);
        assertTrue(outcome.passed, () -> c.id + " on " + transport + ": expected " + outcome.expected + "; got " + outcome.got);
    }
}
