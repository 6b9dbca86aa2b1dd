package dev.wskit.protocol.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: the engine never touches a socket, a channel, a thread, a clock it was not given,
 * or a logger. These rules keep it so.
 */
class EngineStaysPureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wskit.protocol");

    @Test
    void engineClassesAreImported() {
        // Guards the rules below against passing vacuously on an empty import.
        org.assertj.core.api.Assertions.assertThat(ENGINE.contain("dev.wskit.protocol.WebSocketConnection")).isTrue();
    }

    @Test
    void engineDoesNoNetworking() {
        noClasses().should().dependOnClassesThat(
                        resideInAnyPackage("java.net..", "java.nio.channels..", "javax.net..", "io.netty..", "io.vertx..")
                                // A URI is a name, not a connection: the client handshake reads one.
                                .and(not(equivalentTo(java.net.URI.class))))
                .because("ws-protocol is I/O-free; transports own the sockets")
                .check(ENGINE);
    }

    @Test
    void engineStartsNoThreads() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..")
                .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                .orShould().dependOnClassesThat().areAssignableTo(Runnable.class)
                .because("each transport runs the engine on its own threads")
                .check(ENGINE);
    }

    @Test
    void engineReadsNoClockAndWritesNoLog() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.util.logging..", "java.lang.System$Logger")
                .orShould().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("time comes from the transport's timers, and errors are values, not log lines")
                .check(ENGINE);
    }
}
