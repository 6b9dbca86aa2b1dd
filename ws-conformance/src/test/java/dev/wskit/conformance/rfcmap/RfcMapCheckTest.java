package dev.wskit.conformance.rfcmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.ProtocolViolation;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The map's checker catches each kind of wrong map, planted here: it can fail. */
class RfcMapCheckTest {
    private static final String HEADER = "| id | § | requirement | enforced by | proved by |\n| --- | --- | --- | --- | --- |\n";
    /** A row for every violation, proved by a test that exists: a map with nothing wrong. */
    private static final String EVERY_VIOLATION = Arrays.stream(ProtocolViolation.values())
            .map(v -> "| all-" + v.name() + " | 5.1 | MUST | `ProtocolViolation." + v.name()
                    + "` | `ServerViolationTest#answersTheViolationWithItsCloseCode` |")
            .collect(Collectors.joining("\n", "", "\n"));

    private static RfcMapCheck check;

    @BeforeAll
    static void readTheProject() {
        check = new RfcMapCheck(SourceTree.of(SourceTree.projectRoot()));
    }

    private static List<String> problemsWith(String row) {
        return check.problems(HEADER + EVERY_VIOLATION + row + "\n");
    }

    @Test
    void aMapWithTrueReferencesHasNoProblem() {
        assertThat(problemsWith("| x-1 | 5.5.3 | a pong echoes the ping | `InboundFrames` `WebSocketEngine#wakeUp` "
                + "| `RoundTripThroughEngineTest#onlyThePongOfTheLastMeasuringPingCounts` `KeepaliveCases#aPeerThatAnswersItsPingsIsKept` |"))
                .isEmpty();
    }

    @Test
    void aViolationThatDoesNotExistIsCaught() {
        assertThat(problemsWith("| x-1 | 5.1 | MUST | `ProtocolViolation.NO_SUCH_RULE` | `ServerViolationTest#echoesValidCloseCodes` |"))
                .containsExactly(at("no ProtocolViolation.NO_SUCH_RULE"));
    }

    @Test
    void aTestMethodThatDoesNotExistIsCaught() {
        assertThat(problemsWith("| x-1 | 5.1 | MUST | `InboundFrames` | `ServerViolationTest#noSuchTest` |"))
                .containsExactly(at("no test method ServerViolationTest#noSuchTest"));
    }

    @Test
    void aMethodThatIsNoTestIsCaught() {
        assertThat(problemsWith("| x-1 | 5.1 | MUST | `InboundFrames` | `RfcMapCheckTest#problemsWith` |"))
                .containsExactly(at("no test method RfcMapCheckTest#problemsWith"));
    }

    @Test
    void aClassOrMemberThatDoesNotExistIsCaught() {
        assertThat(problemsWith("| x-1 | 5.1 | MUST | `NoSuchEnforcer` `WebSocketEngine#noSuchMember` "
                + "| `NoSuchTest#ever` |"))
                .containsExactly(at("no class NoSuchEnforcer in the project"), at("no member WebSocketEngine#noSuchMember"),
                        at("no test class NoSuchTest in the project"));
    }

    @Test
    void anEnforcedRequirementWithoutATestIsCaught() {
        assertThat(problemsWith("| x-1 | 5.1 | MUST | `InboundFrames` | — |"))
                .containsExactly(at("an enforced requirement names a test that proves it"));
    }

    @Test
    void aRequirementLeftAsideMustSayWhy() {
        assertThat(problemsWith("| x-1 | 10.2 | SHOULD | **application** | — |"))
                .containsExactly(at("a requirement not enforced here says why"));
        assertThat(problemsWith("| x-1 | 10.2 | SHOULD | **application**: only it knows its pages' origins | — |")).isEmpty();
        assertThat(problemsWith("| x-1 | 10.2 | SHOULD | nobody | — |"))
                .containsExactly(at("names no enforcer; mark it **application** or **not enforced** with a reason"));
    }

    @Test
    void aViolationTheMapLeavesOutAndATwiceUsedIdAreCaught() {
        String withoutTheLast = HEADER + EVERY_VIOLATION.lines()
                .filter(row -> !row.contains("ProtocolViolation.INTERNAL_ERROR`"))
                .collect(Collectors.joining("\n")) + "\n| all-CLOSE_TIMEOUT | 7.1.1 | MUST | `InboundFrames` "
                + "| `ServerViolationTest#echoesValidCloseCodes` |\n";
        assertThat(check.problems(withoutTheLast)).containsExactly(
                "line " + (ProtocolViolation.values().length + 2) + " (all-CLOSE_TIMEOUT): the id is used twice",
                "ProtocolViolation.INTERNAL_ERROR is in no requirement's enforced-by cell");
    }

    @Test
    void aRowWithACellMissingIsCaught() {
        assertThat(problemsWith("| x-1 | 5.1 | MUST | `InboundFrames` |"))
                .containsExactly("line " + lineOfPlantedRow() + ": a requirement row has 5 cells, not 4");
    }

    /** The planted row follows the header's two lines and one row per violation. */
    private static int lineOfPlantedRow() {
        return 2 + ProtocolViolation.values().length + 1;
    }

    private static String at(String problem) {
        return "line " + lineOfPlantedRow() + " (x-1): " + problem;
    }
}
