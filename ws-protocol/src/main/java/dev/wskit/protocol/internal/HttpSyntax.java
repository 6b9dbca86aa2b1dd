package dev.wskit.protocol.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The pieces of HTTP grammar (RFC 9110 §5, RFC 9112 §2–§5) that both the handshake and the
 * configuration check. Characters are ISO-8859-1 code points (0–255), as header bytes decode.
 */
public final class HttpSyntax {
    private static final String DELIMITERS = "()<>@,;:\\\"/[]?={}";

    private HttpSyntax() {
    }

    /** RFC 9110 §5.6.2 tchar: a visible ASCII character that is not a delimiter. */
    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && DELIMITERS.indexOf(c) < 0;
    }

    /** RFC 9110 §5.6.2 token: one or more tchar. */
    public static boolean isToken(String s) {
        return !s.isEmpty() && allMatch(s, HttpSyntax::isTokenChar);
    }

    /** RFC 9110 §5.6.3 OWS: space or horizontal tab. */
    /**
     * Subprotocol names as RFC 6455 §4.1 allows them: HTTP tokens.
     *
     * @return an unmodifiable copy
     * @throws IllegalArgumentException naming the first one that is not a token
     */
    public static List<String> subprotocols(List<String> names) {
        for (String name : names) {
            if (!isToken(name)) {
                throw new IllegalArgumentException("subprotocol is not an HTTP token: '" + name + "'");
            }
        }
        return List.copyOf(names);
    }

    public static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t';
    }

    /**
     * RFC 9110 §5.5: a field value holds VCHAR, obs-text, SP and HTAB. CR, LF, NUL and every
     * other control character are refused: they are how header injection and smuggling start.
     */
    private static boolean isFieldValueChar(int c) {
        return (c >= 0x20 && c != 0x7f && c <= 0xff) || c == '\t';
    }

    /** Whether every character of {@code s} may appear in a field value (an empty value may). */
    public static boolean isFieldValue(String s) {
        return allMatch(s, HttpSyntax::isFieldValueChar);
    }

    /**
     * RFC 9112 §3.2: the request-target is visible ASCII; a fragment ({@code #}) is never part of
     * it (RFC 6455 §3 also forbids fragments in WebSocket URIs).
     */
    public static boolean isRequestTargetChar(int c) {
        return c > 0x20 && c < 0x7f && c != '#';
    }

    /** {@code s} without leading and trailing OWS (RFC 9110 §5.5: OWS is not part of the value). */
    public static String trimWhitespace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * The elements of a comma-separated list (RFC 9110 §5.6.1), trimmed of OWS, empty elements
     * skipped as the RFC asks recipients to. Quoted strings are not recognised: the lists this is
     * used for (Connection, Upgrade, Sec-WebSocket-Protocol) hold tokens only.
     */
    public static List<String> splitList(String fieldValue) {
        List<String> elements = new ArrayList<>();
        int start = 0;
        while (start <= fieldValue.length()) {
            int comma = fieldValue.indexOf(',', start);
            int end = comma < 0 ? fieldValue.length() : comma;
            String element = trimWhitespace(fieldValue.substring(start, end));
            if (!element.isEmpty()) {
                elements.add(element);
            }
            start = end + 1;
        }
        return elements;
    }

    /**
     * Whether every character of {@code s} passes {@code test}; a plain loop, as each handshake
     * checks a dozen strings and a stream pipeline per check is garbage per connection.
     */
    public static boolean allMatch(String s, IntPredicate test) {
        for (int i = 0; i < s.length(); i++) {
            if (!test.test(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
