package dev.wskit.benchmarks.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.benchmarks.servers.EchoProfile;
import dev.wskit.benchmarks.servers.EchoServer;
import dev.wskit.benchmarks.servers.ServerKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attacks run at once, and each one's outcome is reported under its name, in order. */
class AllTogetherTest {
    @Test
    void reportsEveryAttacksOutcomeUnderItsName() throws Exception {
        try (EchoServer server = ServerKind.WSKIT_BLOCKING.start("127.0.0.1", 0, 1, EchoProfile.ECHO_APP)) {
            Attack together = new AllTogether(List.of(new WindowBitsOffers(), new UpgradeWithBody()));

            String outcome = together.run(Target.of("ws://127.0.0.1:" + server.port() + "/"), Scale.SHORT);

            assertThat(outcome).startsWith("window-bits: ").contains("abc: declined")
                    .endsWith("; upgrade-with-body: http 400");
        }
    }
}
