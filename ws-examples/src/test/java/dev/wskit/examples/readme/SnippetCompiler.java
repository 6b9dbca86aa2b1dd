package dev.wskit.examples.readme;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles {@link JavaSnippet}s with the JDK's compiler against the test class path, all in one
 * run so that a type one snippet declares ({@code class Echo}) serves the others. Each snippet
 * becomes one source file of package {@code snippets}, with {@link #IMPORTS}:
 *
 * <ul>
 *   <li>a snippet that {@linkplain JavaSnippet#declaresAType() declares a type} is that file's
 *       top-level declaration, as written;
 *   <li>any other snippet is statements: the body of {@link SnippetContext#run()} in a class
 *       extending it ({@link #className}), whose fields and methods are the placeholders snippets
 *       use ({@code handler}, {@code uri}, {@code writeToPeer(...)}).
 * </ul>
 *
 * Each error is reported at the page's line: {@code README.md:151: cannot find symbol ...}.
 */
final class SnippetCompiler {
    /** What every snippet may name without an import; type names shared by two packages stay out. */
    static final List<String> IMPORTS = List.of(
            "dev.wskit.protocol.*", "dev.wskit.protocol.engine.*", "dev.wskit.protocol.handshake.*",
            "dev.wskit.protocol.proxy.*", "dev.wskit.protocol.upgrade.*", "dev.wskit.transport.core.*",
            "dev.wskit.transport.blocking.*", "dev.wskit.transport.netty.*", "dev.wskit.transport.vertx.*",
            "dev.wskit.metrics.micrometer.*", "dev.wskit.cluster.*", "io.micrometer.core.instrument.*", "io.netty.handler.codec.http.*",
            "io.vertx.core.*", "java.net.*", "java.nio.*", "java.nio.file.*", "java.time.*",
            "java.util.*", "java.security.cert.*", "javax.net.ssl.*");

    private SnippetCompiler() {
    }

    /**
     * Compiles {@code snippets} into {@code output}; returns one line per error, naming the page
     * and its line, or none when every snippet compiled.
     */
    static List<String> compile(List<JavaSnippet> snippets, Path output) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<Source> sources = snippets.stream().map(Source::new).collect(Collectors.toList());
        List<String> options = List.of("-d", output.toString(), "-proc:none", "-classpath", classPath());
        boolean compiled = compiler.getTask(null, null, diagnostics, options, null, sources).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(where(diagnostic) + ": " + diagnostic.getMessage(Locale.ROOT));
            }
        }
        if (!compiled && errors.isEmpty()) {
            errors.add("the compiler failed without an error");
        }
        return errors;
    }

    /** Surefire runs tests from a manifest-only jar and says the real class path in its own property. */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static String where(Diagnostic<? extends JavaFileObject> diagnostic) {
        if (diagnostic.getSource() instanceof Source source) {
            long line = diagnostic.getLineNumber() - source.firstCodeLine + source.snippet.line();
            return source.snippet.file() + ":" + line;
        }
        return String.valueOf(diagnostic.getSource());
    }

    /**
     * The class in package {@code snippets} a snippet of statements compiles to:
     * {@code Snippet_README_118}, {@code Snippet_docs_ARCHITECTURE_40}; unique per page and line.
     */
    static String className(JavaSnippet snippet) {
        String page = Stream.of(snippet.file().replaceFirst("\\.md$", "").split("[^A-Za-z0-9]+"))
                .collect(Collectors.joining("_"));
        return "Snippet_" + page + "_" + snippet.line();
    }

    /** One snippet as a source file: wrapped, and knowing the file's line of the snippet's first line. */
    private static final class Source extends SimpleJavaFileObject {
        private final JavaSnippet snippet;
        private final String text;
        private final int firstCodeLine;

        Source(JavaSnippet snippet) {
            super(URI.create("string:///snippets/" + className(snippet) + ".java"), Kind.SOURCE);
            this.snippet = snippet;
            StringBuilder head = new StringBuilder("package snippets;\n");
            IMPORTS.forEach(name -> head.append("import ").append(name).append(";\n"));
            String tail;
            if (snippet.declaresAType()) {
                tail = "";
            } else {
                head.append("public class ").append(className(snippet)).append(" extends ")
                        .append(SnippetContext.class.getName()).append(" {\n")
                        .append("@Override protected void run() throws Exception {\n");
                tail = "}\n}\n";
            }
            this.firstCodeLine = (int) head.chars().filter(c -> c == '\n').count() + 1;
            this.text = head + snippet.code() + tail;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }

    }
}
