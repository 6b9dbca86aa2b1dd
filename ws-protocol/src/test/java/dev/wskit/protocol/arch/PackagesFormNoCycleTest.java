package dev.wskit.protocol.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.wskit.planted.cycle.left.Left;
import dev.wskit.planted.cycle.right.Right;
import org.junit.jupiter.api.Test;

/** {@link PackageRules#NO_PACKAGE_CYCLES} holds on the engine's main classes and catches a planted cycle. */
class PackagesFormNoCycleTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wskit.protocol");

    @Test
    void everyPackageIsImportedTheRootOneIncluded() {
        // Guards the rule below against passing vacuously on a partial import.
        assertThat(ENGINE.contain("dev.wskit.protocol.WebSocket")).isTrue();
        assertThat(ENGINE.contain("dev.wskit.protocol.engine.WebSocketEngine")).isTrue();
        assertThat(ENGINE.contain("dev.wskit.protocol.http.internal.HttpHeadParser")).isTrue();
    }

    @Test
    void theEnginesPackagesFormNoCycle() {
        PackageRules.NO_PACKAGE_CYCLES.check(ENGINE);
    }

    @Test
    void theRuleReportsAPlantedCycle() {
        assertThatThrownBy(() -> PackageRules.NO_PACKAGE_CYCLES.check(new ClassFileImporter().importClasses(Left.class, Right.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining(Left.class.getPackageName())
                .hasMessageContaining(Right.class.getPackageName());
    }
}
