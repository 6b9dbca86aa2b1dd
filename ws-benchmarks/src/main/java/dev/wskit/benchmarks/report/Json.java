package dev.wskit.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON (RFC 8259) to read JMH's result files, so the report needs nothing beyond the
 * benchmarks jar: objects become ordered maps, arrays lists, numbers doubles. JMH also writes
 * {@code NaN} and infinities, bare or quoted; both read as doubles.
 */
final class Json {
    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        Json json = new Json(text);
        Object value = json.value();
        json.skipWhitespace();
        if (json.at != text.length()) {
            throw json.error("trailing characters");
        }
        return value;
    }

    private Object value() {
        skipWhitespace();
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            default:
                return literal();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> members = new LinkedHashMap<>();
        at++;
        if (peekAfterWhitespace() == '}') {
            at++;
            return members;
        }
        do {
            skipWhitespace();
            String name = string();
            expect(':');
            members.put(name, value());
        } while (nextIs(','));
        expect('}');
        return members;
    }

    private List<Object> array() {
        List<Object> elements = new ArrayList<>();
        at++;
        if (peekAfterWhitespace() == ']') {
            at++;
            return elements;
        }
        do {
            elements.add(value());
        } while (nextIs(','));
        expect(']');
        return elements;
    }

    private String string() {
        if (text.charAt(at) != '"') {
            throw error("expected a string");
        }
        StringBuilder out = new StringBuilder();
        for (at++; ; at++) {
            char c = text.charAt(at);
            if (c == '"') {
                at++;
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = text.charAt(++at);
            switch (escaped) {
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u':
                    out.append((char) Integer.parseInt(text.substring(at + 1, at + 5), 16));
                    at += 4;
                    break;
                default: out.append(escaped); // " \ /
            }
        }
    }

    private Object literal() {
        int start = at;
        while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        String token = text.substring(start, at);
        switch (token) {
            case "true": return Boolean.TRUE;
            case "false": return Boolean.FALSE;
            case "null": return null;
            default:
                try {
                    return Double.valueOf(token); // also NaN, Infinity, -Infinity
                } catch (NumberFormatException e) {
                    throw error("not a value: '" + token + "'");
                }
        }
    }

    private boolean nextIs(char c) {
        if (peekAfterWhitespace() == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (peekAfterWhitespace() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private char peekAfterWhitespace() {
        skipWhitespace();
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void skipWhitespace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON: " + what + " at offset " + at);
    }
}
