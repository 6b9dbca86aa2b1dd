package dev.wskit.benchmarks.report;

import java.util.Locale;

/**
 * Writes a plain SVG 1.1 document as text: elements with attributes given as name, value pairs,
 * every value and every text escaped. No scripts, no style sheets and no web fonts, so that a
 * browser and GitHub's image view draw the same thing; text uses the generic sans-serif family.
 */
final class Svg {
    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder();

    Svg(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** An element without content: {@code <name a="v" …/>}. */
    Svg empty(String name, String... attributes) {
        body.append('<').append(name).append(attributes(attributes)).append("/>\n");
        return this;
    }

    /** A {@code <text>} element holding {@code content}. */
    Svg text(String content, String... attributes) {
        body.append("<text").append(attributes(attributes)).append('>').append(escape(content)).append("</text>\n");
        return this;
    }

    /** An element whose only content is a {@code <title>}: the tooltip a browser shows over it. */
    Svg titled(String name, String title, String... attributes) {
        body.append('<').append(name).append(attributes(attributes)).append("><title>").append(escape(title))
                .append("</title></").append(name).append(">\n");
        return this;
    }

    String document() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\""
                + attributes("width", number(width), "height", number(height),
                        "viewBox", "0 0 " + width + " " + height, "font-family", "sans-serif")
                + ">\n" + body + "</svg>\n";
    }

    /** A coordinate or length: one decimal at most, so the file stays readable and diffs stay small. */
    static String number(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /**
     * {@code text} as XML character data and attribute values: markup characters as references,
     * and the control characters XML 1.0 does not allow at all replaced by U+FFFD.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    private static String attributes(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(' ').append(pairs[i]).append("=\"").append(escape(pairs[i + 1])).append('"');
        }
        return out.toString();
    }
}
