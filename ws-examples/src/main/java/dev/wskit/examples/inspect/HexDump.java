package dev.wskit.examples.inspect;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Reads a hex dump back into bytes: plain hex (any spacing), {@code xxd} output, or
 * {@code hexdump -C} output. Offset columns and ASCII columns are dropped.
 */
final class HexDump {
    private static final Pattern XXD_OFFSET = Pattern.compile("^\\s*[0-9a-fA-F]+:\\s");
    private static final Pattern HEXDUMP_OFFSET = Pattern.compile("^[0-9a-fA-F]{8}\\s\\s");
    /** hexdump's last line: the offset alone, the total length. */
    private static final Pattern HEXDUMP_END = Pattern.compile("^[0-9a-fA-F]{8}\\s*$");

    private HexDump() {
    }

    /** @throws IllegalArgumentException when what is left is not whole bytes of hex */
    static byte[] parse(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lineNumber = 0;
        for (String line : text.split("\\R")) {
            lineNumber++;
            if (line.strip().equals("*")) {
                throw new IllegalArgumentException("line " + lineNumber
                        + ": hexdump folded repeated lines into '*'; dump with hexdump -v -C");
            }
            if (HEXDUMP_END.matcher(line).matches() && text.contains("|")) {
                continue;
            }
            String hex = hexPart(line).replaceAll("0x|[\\s,]", "");
            if (hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]*")) {
                throw new IllegalArgumentException("line " + lineNumber + " is not hex bytes: " + line.strip());
            }
            out.writeBytes(HexFormat.of().parseHex(hex));
        }
        return out.toByteArray();
    }

    private static String hexPart(String line) {
        if (XXD_OFFSET.matcher(line).find()) {
            String rest = line.substring(line.indexOf(':') + 1);
            int ascii = rest.indexOf("  ", 1);
            return ascii < 0 ? rest : rest.substring(0, ascii);
        }
        if (HEXDUMP_OFFSET.matcher(line).find()) {
            int ascii = line.indexOf('|');
            return (ascii < 0 ? line : line.substring(0, ascii)).substring(8);
        }
        return line;
    }
}
