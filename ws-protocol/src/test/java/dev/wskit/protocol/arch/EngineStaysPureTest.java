package dev.wskit.protocol.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.wskit.protocol.engine.WebSocketEngine;
import org.junit.jupiter.api.Test;

/** The engine's main classes keep every {@link EnginePurityRules} rule. */
class EngineStaysPureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wskit.protocol");

    @Test
    void engineClassesAreImported() {
        // Guards the rules below against passing vacuously on an empty import.
        assertThat(ENGINE.contain("dev.wskit.protocol.engine.WebSocketEngine")).isTrue();
    }

    @Test
    void engineDoesNoNetworking() {
        EnginePurityRules.NO_NETWORKING.check(ENGINE);
    }

    @Test
    void engineDoesNoFileIo() {
        EnginePurityRules.NO_FILE_IO.check(ENGINE);
    }

    @Test
    void engineStartsNoThreads() {
        EnginePurityRules.NO_THREADS.check(ENGINE);
    }

    @Test
    void engineReadsNoClock() {
        EnginePurityRules.NO_CLOCK.check(ENGINE);
    }

    @Test
    void engineWritesNoLog() {
        EnginePurityRules.NO_LOGGING.check(ENGINE);
    }

    @Test
    void engineWritesNothingToTheConsole() {
        EnginePurityRules.NO_CONSOLE.check(ENGINE);
    }
}
