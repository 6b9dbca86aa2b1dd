package dev.wskit.protocol.arch;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.time.Clock;
import java.time.InstantSource;
import java.util.concurrent.CompletionStage;

/**
 * The engine never touches a socket, a file, a thread, a clock it was not given, or a logger:
 * it is driven through bytes in and bytes out, so any transport can run it. One rule object each,
 * checked on the engine by {@link EngineStaysPureTest} and shown able to fail, clause by clause,
 * by {@link PurityRulesCatchPlantedViolationsTest}.
 */
final class EnginePurityRules {
    static final ArchRule NO_NETWORKING = noClasses().should().dependOnClassesThat(
                    resideInAnyPackage("java.net..", "java.nio.channels..", "javax.net..", "io.netty..", "io.vertx..")
                            // A URI is a name, not a connection: the client handshake reads one. A
                            // socket address and a TLS session are values the API passes through
                            // from the transport.
                            .and(not(equivalentTo(java.net.URI.class)))
                            .and(not(equivalentTo(java.net.SocketAddress.class)))
                            .and(not(equivalentTo(javax.net.ssl.SSLSession.class))))
            .because("ws-protocol is I/O-free; transports own the sockets");

    static final ArchRule NO_FILE_IO = noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file..")
            .orShould().dependOnClassesThat().belongToAnyOf(File.class, FileDescriptor.class, FileInputStream.class,
                    FileOutputStream.class, FileReader.class, FileWriter.class, RandomAccessFile.class)
            .because("ws-protocol is I/O-free; whatever it needs comes in as bytes");

    static final ArchRule NO_THREADS = noClasses().should().dependOnClassesThat(
                    // A decision that comes later is a value the engine holds for the transport,
                    // which waits on it: the engine never subscribes to it.
                    resideInAnyPackage("java.util.concurrent..").and(not(equivalentTo(CompletionStage.class))))
            .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
            .orShould().dependOnClassesThat().areAssignableTo(Runnable.class)
            .because("each transport runs the engine on its own threads");

    static final ArchRule NO_CLOCK = noClasses().should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethodWhere(describe("a now() of java.time",
                    call -> call.getName().equals("now") && call.getTargetOwner().getPackageName().equals("java.time")))
            .orShould().dependOnClassesThat().belongToAnyOf(Clock.class, InstantSource.class)
            .because("time comes from the transport's timers");

    static final ArchRule NO_LOGGING = noClasses().should().dependOnClassesThat().resideInAnyPackage("java.util.logging..")
            // A nested class, not a package: named by its class, so the clause can match at all.
            .orShould().dependOnClassesThat().belongToAnyOf(System.Logger.class, System.LoggerFinder.class)
            .because("errors are values handed to the handler, not log lines");

    static final ArchRule NO_CONSOLE = noClasses().should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("errors are values handed to the handler, not printed lines");

    private EnginePurityRules() {
    }
}
