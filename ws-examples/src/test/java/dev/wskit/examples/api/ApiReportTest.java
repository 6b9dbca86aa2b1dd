package dev.wskit.examples.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public API of each published module, as committed in {@code docs/api/ARTIFACT.txt}: every
 * public or protected type, constructor, method and field of the packages its module descriptor
 * exports, one signature a line. A change to the API fails here until the report is regenerated,
 * so every API change shows in review as a diff of that file:
 *
 * <pre>mvn -B verify -pl ws-examples -am -Dtest=ApiReportTest -Dsurefire.failIfNoSpecifiedTests=false -Dapi.report.write=true</pre>
 *
 * <p>It takes no baseline release (none exists yet); once the API is frozen, a binary
 * compatibility check against the last release belongs beside it.
 */
class ApiReportTest {
    private static final Path REPORTS = Path.of("..", "docs", "api");

    /**
     * Each published artifact, by a class of its, so the report reads the module it was built
     * into. Named, not referenced: the tests are compiled into the examples' module, which reads
     * neither ws-cluster nor every transport's core.
     */
    static Stream<Object[]> publishedModules() {
        return Stream.of(
                new Object[] {"ws-protocol", "dev.wskit.protocol.WebSocket"},
                new Object[] {"ws-transport-core", "dev.wskit.transport.core.ConnectionDriver"},
                new Object[] {"ws-transport-blocking", "dev.wskit.transport.blocking.BlockingWebSocketServer"},
                new Object[] {"ws-transport-netty", "dev.wskit.transport.netty.NettyWebSocketServer"},
                new Object[] {"ws-transport-netty-http2", "dev.wskit.transport.netty.http2.NettyHttp2WebSocketServer"},
                new Object[] {"ws-transport-vertx", "dev.wskit.transport.vertx.VertxWebSocketServer"},
                new Object[] {"ws-metrics-micrometer", "dev.wskit.metrics.micrometer.MicrometerConnectionListener"},
                new Object[] {"ws-cluster", "dev.wskit.cluster.LocalCluster"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedModules")
    void theApiIsTheCommittedReport(String artifact, String memberClass) throws Exception {
        String report = report(Class.forName(memberClass, false, getClass().getClassLoader()));
        Path committed = REPORTS.resolve(artifact + ".txt");
        if (Boolean.getBoolean("api.report.write")) {
            Files.createDirectories(REPORTS);
            Files.writeString(committed, report, StandardCharsets.UTF_8);
        }
        assertThat(committed).as("the API report of %s; if the change is meant, regenerate it (see ApiReportTest)", artifact)
                .exists();
        assertThat(report)
                .as("the API of %s against %s; if the change is meant, regenerate it (see ApiReportTest)", artifact, committed)
                .isEqualTo(Files.readString(committed, StandardCharsets.UTF_8));
    }

    /** The report of the module {@code member} was loaded from: its exported packages, sorted. */
    private static String report(Class<?> member) throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleReference module = ModuleFinder.of(location).findAll().iterator().next();
        ModuleDescriptor descriptor = module.descriptor();
        Set<String> exported = descriptor.exports().stream()
                .filter(export -> !export.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());

        TreeMap<String, List<String>> types = new TreeMap<>();
        try (ModuleReader reader = module.open(); Stream<String> resources = reader.list()) {
            for (String resource : (Iterable<String>) resources::iterator) {
                if (!resource.endsWith(".class") || resource.endsWith("module-info.class")) {
                    continue;
                }
                String className = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
                String packageName = className.substring(0, className.lastIndexOf('.'));
                if (!exported.contains(packageName)) {
                    continue;
                }
                Class<?> type = Class.forName(className, false, member.getClassLoader());
                if (isApi(type)) {
                    types.put(type.getName(), describe(type));
                }
            }
        }
        StringBuilder report = new StringBuilder("module " + descriptor.name() + "\n");
        types.values().forEach(lines -> {
            report.append('\n');
            lines.forEach(line -> report.append(line).append('\n'));
        });
        return report.toString();
    }

    /** Public or protected, and so is every type around it; never anonymous, local or synthetic. */
    private static boolean isApi(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (t.isAnonymousClass() || t.isLocalClass() || t.isSynthetic() || !visible(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** The type's declaration, then its visible members, each sorted by signature. */
    private static List<String> describe(Class<?> type) {
        List<String> lines = new ArrayList<>();
        lines.add(declaration(type));
        List<String> members = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (visible(field.getModifiers()) && !field.isSynthetic()) {
                members.add(signature(field, field.toGenericString()));
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (visible(constructor.getModifiers()) && !constructor.isSynthetic()) {
                members.add(constructor.toGenericString());
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (visible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
                members.add(signature(method, method.toGenericString()));
            }
        }
        members.stream().sorted().forEach(member -> lines.add("  " + member));
        return lines;
    }

    /**
     * {@code toGenericString()} without what is no part of the contract: the declaring type before
     * the member's name (the type heads its section) and {@code synchronized}, which only says how
     * the member is implemented.
     */
    private static String signature(Member member, String genericString) {
        return genericString.replace(member.getDeclaringClass().getTypeName() + "." + member.getName(), member.getName())
                .replace("synchronized ", "");
    }

    /** {@code public final class a.B extends a.C implements a.D<E>}, with the type's own type parameters. */
    private static String declaration(Class<?> type) {
        String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface"
                : type.isEnum() ? "enum" : type.isRecord() ? "record" : "class";
        int modifiers = type.getModifiers() & (type.isInterface() ? Modifier.interfaceModifiers() : Modifier.classModifiers());
        if (type.isInterface() || type.isEnum() || type.isRecord()) {
            modifiers &= ~Modifier.ABSTRACT & ~Modifier.FINAL & ~Modifier.STATIC;
        }
        StringBuilder line = new StringBuilder();
        String prefix = Modifier.toString(modifiers);
        if (!prefix.isEmpty()) {
            line.append(prefix).append(' ');
        }
        if (type.isSealed()) {
            line.append("sealed ");
        }
        line.append(kind).append(' ').append(type.getName());
        if (type.getTypeParameters().length > 0) {
            line.append(Arrays.stream(type.getTypeParameters()).map(ApiReportTest::typeParameter)
                    .collect(Collectors.joining(", ", "<", ">")));
        }
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            line.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            line.append(type.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        return line.toString();
    }

    private static String typeParameter(java.lang.reflect.TypeVariable<?> parameter) {
        List<String> bounds = Arrays.stream(parameter.getBounds())
                .filter(bound -> bound != Object.class).map(Type::getTypeName).collect(Collectors.toList());
        return bounds.isEmpty() ? parameter.getName() : parameter.getName() + " extends " + String.join(" & ", bounds);
    }
}
