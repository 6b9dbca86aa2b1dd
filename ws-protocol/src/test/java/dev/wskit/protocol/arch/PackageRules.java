package dev.wskit.protocol.arch;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The engine's packages form no cycle: each one reads, and builds, on the packages below it only.
 * Every package is a slice of its own, the root package and an {@code internal} package beside
 * its parent included. Checked on the engine and shown able to fail by {@link PackagesFormNoCycleTest}.
 */
final class PackageRules {
    /** Each package on its own, named by its name. */
    private static final SliceAssignment EVERY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return SliceIdentifier.of(javaClass.getPackageName());
        }

        @Override
        public String getDescription() {
            return "every package";
        }
    };

    static final ArchRule NO_PACKAGE_CYCLES = slices().assignedFrom(EVERY_PACKAGE).should().beFreeOfCycles()
            .because("a package that depends on one depending on it can be neither read nor changed alone");

    private PackageRules() {
    }
}
