package dev.wskit.cluster.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.wskit.cluster.arch.planted.PrintsWhatHappened;
import org.junit.jupiter.api.Test;

/**
 * The cluster reports what happens through its listener, never by logging or printing: the
 * application decides what is worth telling and where (docs/ARCHITECTURE.md, "Modules").
 */
class ClusterLogsNothingTest {
    private static final ArchRule NO_LOGGING = noClasses()
            .should().dependOnClassesThat(resideInAnyPackage("java.util.logging..", "org.slf4j..", "org.apache.logging..",
                    "org.apache.commons.logging..", "io.netty.util.internal.logging.."))
            .orShould().dependOnClassesThat().belongToAnyOf(System.Logger.class)
            .orShould().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("a node tells its ClusterListener, and the application decides what to log");

    @Test
    void theClusterLogsNothing() {
        JavaClasses cluster = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wskit.cluster");
        assertThat(cluster.contain("dev.wskit.cluster.RedisCluster")).as("the rule has classes to check").isTrue();
        NO_LOGGING.check(cluster);
    }

    @Test
    void theRuleCatchesAClassThatPrints() {
        JavaClasses planted = new ClassFileImporter().importClasses(PrintsWhatHappened.class);
        assertThatThrownBy(() -> NO_LOGGING.check(planted)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("System.err");
    }
}
