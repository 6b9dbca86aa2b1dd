package dev.wskit.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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
 * The server side of the conformance suite: every {@link ServerCase} (Autobahn sections 1–7,
 * 9, 10, 12, 13) against the echo server of every transport, over loopback. A case that fails
 * fails the build, and the report says what was expected and what came.
 */
class ServerConformanceTest {
    private static final List<ServerCase> CASES = new ArrayList<>();
    private static final Map<Transport, Transport.Server> ECHO = new EnumMap<>(Transport.class);
    private static final Map<Transport, Transport.Server> FRAGMENTING_ECHO = new EnumMap<>(Transport.class);

    static {
        CASES.addAll(FramingCases.all());
        CASES.addAll(TextAndCloseCases.all());
        CASES.addAll(LimitsAndCompressionCases.all());
    }

    @BeforeAll
    static void startEchoServers() throws Exception {
        for (Transport t : Transport.values()) {
            ECHO.put(t, t.startServer(Transport.echoConfig(), Transport.Echo::new));
            FRAGMENTING_ECHO.put(t, t.startServer(Transport.fragmentingEchoConfig(), Transport.Echo::new));
        }
    }

    @AfterAll
    static void stopEchoServersAndWriteTheReport() {
        ConformanceReport.write();
        ECHO.values().forEach(Transport.Server::close);
        FRAGMENTING_ECHO.values().forEach(Transport.Server::close);
        Transport.closeShared();
    }

    static Stream<Arguments> cases() {
        return Stream.of(Transport.values()).flatMap(t -> CASES.stream().map(c -> Arguments.of(t, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    @Timeout(60)
    void serverAnswersAsTheRfcRequires(Transport transport, ServerCase c) {
        Transport.Server server = (c.target == ServerCase.Target.ECHO ? ECHO : FRAGMENTING_ECHO).get(transport);
        Outcome outcome = ServerCaseRunner.play(c, transport, server.port);
        ConformanceReport.add(outcome);
        assertTrue(outcome.passed, () -> c.id + " on " + transport + ": expected " + outcome.expected + "; got " + outcome.got);
    }
}
