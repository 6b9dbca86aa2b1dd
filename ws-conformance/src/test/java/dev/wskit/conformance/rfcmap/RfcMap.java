package dev.wskit.conformance.rfcmap;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of {@code docs/rfc-map.md}: each requirement of RFC 6455 or RFC 7692, what enforces it,
 * and the tests that prove it. A requirement row is a row of a Markdown table whose header starts
 * with {@code | id |}; it has five cells: id, section, requirement, enforced by, proved by.
 */
final class RfcMap {
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    /** One requirement, with the line of the map it is on (for the checker's messages). */
    record Requirement(int line, String id, String section, String text, String enforcedBy, String provedBy) {
        /** The references in backticks in the enforced-by cell. */
        List<String> enforcers() {
            return backticked(enforcedBy);
        }

        /** The {@code Class#method} references in backticks in the proved-by cell. */
        List<String> tests() {
            return backticked(provedBy);
        }
    }

    /** The map's rows, and what of its tables could not be read as rows. */
    record Parsed(List<Requirement> requirements, List<String> problems) {
    }

    private RfcMap() {
    }

    static Parsed parse(String markdown) {
        List<Requirement> requirements = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        boolean inTable = false;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(line);
            if (!inTable) {
                // A table's header: only tables headed "| id |" hold requirements.
                inTable = !cells.isEmpty() && cells.get(0).equals("id");
                continue;
            }
            if (cells.get(0).startsWith("---")) {
                continue;
            }
            if (cells.size() != 5) {
                problems.add("line " + (i + 1) + ": a requirement row has 5 cells, not " + cells.size());
                continue;
            }
            requirements.add(new Requirement(i + 1, cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4)));
        }
        return new Parsed(requirements, problems);
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    private static List<String> backticked(String cell) {
        List<String> found = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(cell);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
