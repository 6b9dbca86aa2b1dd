package dev.wskit.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README and of {@code docs/*.md} compiles, as the page shows
 * it: a block that declares a type is a source file of its own, any other block is statements,
 * which may use the placeholders of {@link SnippetContext} ({@code handler}, {@code uri},
 * {@code ChatHandler}, ...) for what the reader's application has. All blocks compile together,
 * so a type one declares ({@code Echo}) serves the others. A block that does not compile fails
 * this test naming its page and line. Blocks that can run without the reader's application run
 * too: the engine's here, the security blocks in {@link SecuritySnippetsTest}.
 */
class DocSnippetsTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern JAVA_FENCE = Pattern.compile("(?m)^ *```java\\s*$");

    @Test
    void everyJavaBlockOfTheDocumentationCompiles(@TempDir Path classes) throws IOException {
        List<JavaSnippet> snippets = documentation();
        assertThat(snippets).as("java blocks in the README").anyMatch(snippet -> snippet.file().equals("README.md"));

        assertThat(SnippetCompiler.compile(snippets, classes)).as("errors of the documentation's java blocks").isEmpty();
    }

    /**
     * The README's loop over the engine, run: fed RFC 6455's sample request, it writes the
     * {@code 101} with the RFC's accept value, and the end of input closes the connection.
     */
    @Test
    void theEngineBlockAnswersAnOpeningRequest(@TempDir Path classes) throws Exception {
        JavaSnippet engine = documentation().stream()
                .filter(snippet -> snippet.code().contains("WebSocketEngine.server("))
                .findFirst().orElseThrow();
        assertThat(SnippetCompiler.compile(List.of(engine), classes)).isEmpty();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            SnippetContext context = (SnippetContext) loader.loadClass("snippets." + SnippetCompiler.className(engine))
                    .getDeclaredConstructor().newInstance();
            context.run();
            assertThat(context.written.toString(StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                    .contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n");
        }
    }

    /** The harness itself: a block that does not compile is reported at its page's line. */
    @Test
    void aBlockThatDoesNotCompileIsNamedByPageAndLine(@TempDir Path classes) throws IOException {
        List<JavaSnippet> planted = List.of(
                new JavaSnippet("planted.md", 7, "WebSocketConfig config = WebSocketConfig.defaults();\nint wrong = config;\n"),
                new JavaSnippet("planted.md", 20, "class Planted {\n    void broken() { undefinedCall(); }\n}\n"));

        List<String> errors = SnippetCompiler.compile(planted, classes);

        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).startsWith("planted.md:8: incompatible types");
        assertThat(errors.get(1)).startsWith("planted.md:21: cannot find symbol");
    }

    /** Every java block of the documentation, each page's count checked against its fences. */
    private static List<JavaSnippet> documentation() throws IOException {
        List<JavaSnippet> snippets = new ArrayList<>();
        for (Path page : pages()) {
            List<JavaSnippet> found = JavaSnippet.in(page, ROOT.relativize(page).toString().replace('\\', '/'));
            assertThat(found).as("java blocks read from %s", page)
                    .hasSize((int) JAVA_FENCE.matcher(Files.readString(page)).results().count());
            snippets.addAll(found);
        }
        return snippets;
    }

    /** The README, then every page under {@code docs/}. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }
}
