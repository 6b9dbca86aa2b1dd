package dev.wskit.protocol.extension.internal;

import dev.wskit.protocol.internal.HttpSyntax;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One element of a {@code Sec-WebSocket-Extensions} header: an extension name and its
 * parameters, in the grammar of RFC 6455 §9.1:
 *
 * <pre>
 * extension-list  = 1#extension
 * extension       = extension-token *( ";" extension-param )
 * extension-param = token [ "=" (token | quoted-string) ]
 * </pre>
 *
 * A quoted value must itself be a token once unquoted (RFC 6455 §9.1). Names compare
 * case-insensitively, so they are kept in lower case. A parameter named twice is recorded, not
 * dropped, because RFC 7692 §7 makes that a reason to decline.
 */
public final class ExtensionOffer {
    private final String name;
    private final Map<String, String> parameters;
    private final boolean repeatedParameter;

    private ExtensionOffer(String name, Map<String, String> parameters, boolean repeatedParameter) {
        this.name = name;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.repeatedParameter = repeatedParameter;
    }

    /**
     * Every extension in the header lines given, in order.
     *
     * @throws IllegalArgumentException when a line breaks the grammar
     */
    public static List<ExtensionOffer> parseAll(List<String> headerValues) {
        List<ExtensionOffer> offers = new ArrayList<>();
        for (String value : headerValues) {
            for (String element : splitOutsideQuotes(value, ',')) {
                if (!HttpSyntax.trimWhitespace(element).isEmpty()) {
                    offers.add(parse(element));
                }
            }
        }
        return offers;
    }

    private static ExtensionOffer parse(String element) {
        List<String> parts = splitOutsideQuotes(element, ';');
        String name = token(parts.get(0), "extension name");
        Map<String, String> parameters = new LinkedHashMap<>();
        boolean repeated = false;
        for (String part : parts.subList(1, parts.size())) {
            int eq = part.indexOf('=');
            String parameter = token(eq < 0 ? part : part.substring(0, eq), "parameter name");
            String value = eq < 0 ? null : parameterValue(part.substring(eq + 1));
            repeated |= parameters.containsKey(parameter);
            parameters.put(parameter, value);
        }
        return new ExtensionOffer(name, parameters, repeated);
    }

    private static String parameterValue(String raw) {
        String value = HttpSyntax.trimWhitespace(raw);
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return token(value, "parameter value");
    }

    private static String token(String raw, String what) {
        String trimmed = HttpSyntax.trimWhitespace(raw);
        if (!HttpSyntax.isToken(trimmed)) {
            throw new IllegalArgumentException(what + " is not a token: '" + raw + "'");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** Splits on {@code separator} where it is not inside a quoted-string (RFC 9110 §5.6.4). */
    private static List<String> splitOutsideQuotes(String value, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted-string in '" + value + "'");
        }
        parts.add(value.substring(start));
        return parts;
    }

    /** The extension's name, lower-cased. */
    public String name() {
        return name;
    }

    /** Parameter names (lower-cased) to values, {@code null} for a parameter without one; the last wins when repeated. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** Whether some parameter appeared more than once. */
    public boolean hasRepeatedParameter() {
        return repeatedParameter;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(name);
        parameters.forEach((k, v) -> out.append("; ").append(k).append(v == null ? "" : "=" + v));
        return out.toString();
    }
}
