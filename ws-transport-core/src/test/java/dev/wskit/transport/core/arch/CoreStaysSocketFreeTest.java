package dev.wskit.transport.core.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.wskit.transport.core.arch.planted.OpensASocket;
import org.junit.jupiter.api.Test;

/**
 * The shared lifecycle decides and never does I/O: sockets, channels and the transports' own
 * libraries stay in the transports (docs/ARCHITECTURE.md, "Modules").
 */
class CoreStaysSocketFreeTest {
    private static final ArchRule NO_SOCKETS = noClasses().should().dependOnClassesThat(
                    resideInAnyPackage("java.net..", "java.nio.channels..", "javax.net..", "io.netty..", "io.vertx..")
                            // An address and a TLS session are values the transport passes through
                            // to the application (and the connection limits count by IP address);
                            // a URI is a name, not a connection.
                            .and(not(equivalentTo(java.net.SocketAddress.class)))
                            .and(not(equivalentTo(java.net.InetSocketAddress.class)))
                            .and(not(equivalentTo(java.net.InetAddress.class)))
                            .and(not(equivalentTo(java.net.URI.class)))
                            .and(not(equivalentTo(javax.net.ssl.SSLSession.class))))
            .because("ws-transport-core decides; the transports move the bytes");

    @Test
    void theCoreTouchesNoSocket() {
        JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wskit.transport.core");
        assertThat(core.contain("dev.wskit.transport.core.ConnectionDriver")).as("the rule has classes to check").isTrue();
        NO_SOCKETS.check(core);
    }

    @Test
    void theRuleCatchesAClassThatOpensASocket() {
        JavaClasses planted = new ClassFileImporter().importClasses(OpensASocket.class);
        assertThatThrownBy(() -> NO_SOCKETS.check(planted)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.net.Socket");
    }
}
