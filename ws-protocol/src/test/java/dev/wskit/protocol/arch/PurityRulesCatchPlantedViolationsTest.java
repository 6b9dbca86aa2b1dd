package dev.wskit.protocol.arch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.wskit.planted.PlantedViolations;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every clause of every {@link EnginePurityRules} rule can fail: the same rule object the engine
 * is checked with, checked on one planted class that breaks that clause alone, must report it. A
 * clause that can never match (a nested class named as a package, say) would let this pass silently.
 */
class PurityRulesCatchPlantedViolationsTest {
    static Stream<Arguments> clauses() {
        return Stream.of(
                clause("NO_NETWORKING", EnginePurityRules.NO_NETWORKING, PlantedViolations.OpensASocket.class, "java.net.Socket"),
                clause("NO_FILE_IO", EnginePurityRules.NO_FILE_IO, PlantedViolations.ReadsAPath.class, "java.nio.file.Files"),
                clause("NO_FILE_IO", EnginePurityRules.NO_FILE_IO, PlantedViolations.OpensAFileStream.class, "java.io.FileInputStream"),
                clause("NO_THREADS", EnginePurityRules.NO_THREADS, PlantedViolations.MakesAnExecutor.class, "java.util.concurrent.Executors"),
                clause("NO_THREADS", EnginePurityRules.NO_THREADS, PlantedViolations.AsksForItsThread.class, "java.lang.Thread"),
                clause("NO_THREADS", EnginePurityRules.NO_THREADS, PlantedViolations.IsARunnable.class, "java.lang.Runnable"),
                clause("NO_CLOCK", EnginePurityRules.NO_CLOCK, PlantedViolations.ReadsCurrentTimeMillis.class, "java.lang.System.currentTimeMillis()"),
                clause("NO_CLOCK", EnginePurityRules.NO_CLOCK, PlantedViolations.ReadsNanoTime.class, "java.lang.System.nanoTime()"),
                clause("NO_CLOCK", EnginePurityRules.NO_CLOCK, PlantedViolations.ReadsInstantNow.class, "java.time.Instant.now()"),
                clause("NO_CLOCK", EnginePurityRules.NO_CLOCK, PlantedViolations.HoldsTheSystemClock.class, "java.time.Clock"),
                clause("NO_LOGGING", EnginePurityRules.NO_LOGGING, PlantedViolations.LogsThroughJavaUtilLogging.class, "java.util.logging.Logger"),
                clause("NO_LOGGING", EnginePurityRules.NO_LOGGING, PlantedViolations.LogsThroughSystemLogger.class, "java.lang.System$Logger"),
                clause("NO_CONSOLE", EnginePurityRules.NO_CONSOLE, PlantedViolations.PrintsToStandardOut.class, "java.lang.System.out"),
                clause("NO_CONSOLE", EnginePurityRules.NO_CONSOLE, PlantedViolations.PrintsToStandardError.class, "java.lang.System.err"));
    }

    private static Arguments clause(String ruleName, ArchRule rule, Class<?> planted, String forbidden) {
        return Arguments.of(Named.of(ruleName, rule), Named.of(planted.getSimpleName(), planted), forbidden);
    }

    @ParameterizedTest(name = "{0} catches {1}")
    @MethodSource("clauses")
    void theRuleReportsThePlantedViolation(ArchRule rule, Class<?> planted, String forbidden) {
        assertThatThrownBy(() -> rule.check(new ClassFileImporter().importClasses(planted)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(planted.getName())
                .hasMessageContaining(forbidden);
    }
}
