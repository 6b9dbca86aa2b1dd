package dev.wskit.conformance.rfcmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Java sources of the whole project, found by class name: the map names test methods of
 * every module, and a test module sees only its own test classes, so they are read as files.
 */
final class SourceTree {
    /** What marks a test method, among the annotations and comments before it. */
    private static final Pattern TEST_ANNOTATION = Pattern.compile(
            "@(Test|ParameterizedTest|TestFactory|Property|FuzzTest|RepeatedTest)\\b");
    /** The end of the member before: a brace alone on its line at a member's indentation. */
    private static final String MEMBER_END = "\n    }\n";

    /** The map, relative to the project's root. */
    static final String MAP = "docs/rfc-map.md";

    private final Map<String, List<Path>> byClassName;

    private SourceTree(Map<String, List<Path>> byClassName) {
        this.byClassName = byClassName;
    }

    /**
     * The project's root: the nearest directory, from the working directory up, that holds
     * {@code docs/rfc-map.md} (Maven runs a module's tests in the module's directory, one below).
     */
    static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MAP))) {
                return dir;
            }
        }
        throw new IllegalStateException(MAP + " not found above " + Path.of("").toAbsolutePath());
    }

    /** Every {@code .java} file under {@code root}, build output ({@code target}) left out. */
    static SourceTree of(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return new SourceTree(files
                    .filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !root.relativize(p).toString().matches("(.*/)?(target|\\.git)/.*"))
                    .collect(Collectors.groupingBy(p -> p.getFileName().toString().replaceFirst("\\.java$", ""))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a class of this simple name is in the project. */
    boolean hasClass(String simpleName) {
        return byClassName.containsKey(simpleName);
    }

    /** Whether the class declares a method, field or constant of this name. */
    boolean hasMember(String simpleName, String member) {
        Pattern declared = Pattern.compile("\\b" + Pattern.quote(member) + "\\s*[(=;,]");
        return sources(simpleName).stream().anyMatch(source -> declared.matcher(source).find());
    }

    /** Whether the class (or interface, for the transport kit's cases) declares a test method of this name. */
    boolean hasTest(String simpleName, String method) {
        Pattern declared = Pattern.compile("\\bvoid\\s+" + Pattern.quote(method) + "\\s*\\(");
        for (String source : sources(simpleName)) {
            var m = declared.matcher(source);
            while (m.find()) {
                String before = source.substring(Math.max(0, source.lastIndexOf(MEMBER_END, m.start())), m.start());
                if (TEST_ANNOTATION.matcher(before).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<String> sources(String simpleName) {
        return byClassName.getOrDefault(simpleName, List.of()).stream().map(SourceTree::read).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
