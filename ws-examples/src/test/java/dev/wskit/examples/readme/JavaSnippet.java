package dev.wskit.examples.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a Markdown page, where it stands and what it says.
 *
 * @param file the page, as the report names it ({@code README.md}, {@code docs/ARCHITECTURE.md})
 * @param line the page's line of the block's first line of code, counted from 1
 * @param code the block's code, without the indentation of its fence (a block inside a list item)
 */
record JavaSnippet(String file, int line, String code) {
    private static final Pattern OPENING = Pattern.compile("^( *)```java\\s*$");
    /** A snippet that declares a type starts so, after any comments and blank lines. */
    private static final Pattern DECLARATION = Pattern.compile(
            "^(@\\w+\\s+)*((public|abstract|final|sealed|non-sealed|static)\\s+)*(class|interface|record|enum)\\s");

    /**
     * Every {@code ```java} block of {@code page}, named {@code name} in reports, in page order.
     *
     * @throws IllegalStateException when a block is never closed
     */
    static List<JavaSnippet> in(Path page, String name) throws IOException {
        List<String> lines = Files.readAllLines(page);
        List<JavaSnippet> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher opening = OPENING.matcher(lines.get(i));
            if (!opening.matches()) {
                continue;
            }
            String indent = opening.group(1);
            int first = i + 1;
            int end = first;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                throw new IllegalStateException(name + ":" + (i + 1) + ": a java block never closed");
            }
            StringBuilder code = new StringBuilder();
            for (String line : lines.subList(first, end)) {
                code.append(line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
            }
            i = end;
            snippets.add(new JavaSnippet(name, first + 1, code.toString()));
        }
        return snippets;
    }

    /** Whether this snippet declares a type (a class of its own) rather than being statements. */
    boolean declaresAType() {
        return code.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("//") && !line.startsWith("/*")
                        && !line.startsWith("*"))
                .findFirst()
                .map(line -> DECLARATION.matcher(line).find())
                .orElse(false);
    }

    /** Where this snippet stands, as a report names it: {@code README.md:118}. */
    String where() {
        return file + ":" + line;
    }
}
