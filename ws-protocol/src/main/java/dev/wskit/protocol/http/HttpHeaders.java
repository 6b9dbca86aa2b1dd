package dev.wskit.protocol.http;

import dev.wskit.protocol.internal.HttpSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The header fields of an HTTP message: an immutable, ordered list of (name, value) pairs, kept
 * as they arrived, looked up by name case-insensitively (RFC 9110 §5.1). Names are tokens and
 * values hold no CR, LF or other control character, so encoding one can never inject a line.
 *
 * <p>Every connection keeps its opening request for its whole life, so the fields are packed
 * into one string, one line per field, {@code name:value\n} (all of it Latin-1, one byte a
 * character): a fraction of the memory of a string per name and value. A name is a token, so the
 * first colon of a line ends it, and a value holds no control character, so a line feed ends it;
 * lines are found by scanning, as a request has few. A name or value is cut out when asked for.
 */
public final class HttpHeaders {
    private static final HttpHeaders EMPTY = new HttpHeaders("");
    private static final char NAME_END = ':';
    private static final char VALUE_END = '\n';

    private final String packed;

    private HttpHeaders(String packed) {
        this.packed = packed;
    }

    /**
     * No header fields.
     *
     * @return the empty header fields, shared
     */
    public static HttpHeaders empty() {
        return EMPTY;
    }

    /**
     * Header fields from alternating names and values:
     * {@code of("Host", "example.com", "Origin", "x")}.
     *
     * @param namesAndValues names and values alternating, an even count; each name a token and each
     *     value a field value, as {@link Builder#add} checks
     * @return the header fields, in that order
     */
    public static HttpHeaders of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate: odd count " + namesAndValues.length);
        }
        Builder builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /**
     * A builder with no fields yet.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Where the name of the line that starts at {@code line} ends: at its colon. */
    private int nameEnd(int line) {
        return packed.indexOf(NAME_END, line);
    }

    /** Where the value of the line whose name ends at {@code nameEnd} ends: at its line feed. */
    private int valueEnd(int nameEnd) {
        return packed.indexOf(VALUE_END, nameEnd);
    }

    private String value(int nameEnd) {
        return packed.substring(nameEnd + 1, valueEnd(nameEnd));
    }

    /**
     * Calls {@code action} with each (name, value) pair, in order.
     *
     * @param action called with each field's name and value
     */
    public void forEach(BiConsumer<String, String> action) {
        for (int line = 0; line < packed.length(); ) {
            int nameEnd = nameEnd(line);
            int valueEnd = valueEnd(nameEnd);
            action.accept(packed.substring(line, nameEnd), packed.substring(nameEnd + 1, valueEnd));
            line = valueEnd + 1;
        }
    }

    /**
     * The value of the first field line named {@code name}, or {@code null} when there is none.
     *
     * @param name the field name, compared case-insensitively (RFC 9110 §5.1)
     * @return the value, or {@code null}
     */
    public String first(String name) {
        for (int line = 0; line < packed.length(); line = valueEnd(nameEnd(line)) + 1) {
            int nameEnd = nameEnd(line);
            if (isNamed(line, nameEnd, name)) {
                return value(nameEnd);
            }
        }
        return null;
    }

    /** Compared where it lies, with no string cut out. */
    private boolean isNamed(int line, int nameEnd, String name) {
        return nameEnd - line == name.length() && packed.regionMatches(true, line, name, 0, name.length());
    }

    /**
     * The values of every field line named {@code name}, in order.
     *
     * @param name the field name, compared case-insensitively
     * @return the values, an empty list when there are none
     */
    public List<String> all(String name) {
        List<String> found = new ArrayList<>();
        for (int line = 0; line < packed.length(); line = valueEnd(nameEnd(line)) + 1) {
            int nameEnd = nameEnd(line);
            if (isNamed(line, nameEnd, name)) {
                found.add(value(nameEnd));
            }
        }
        return List.copyOf(found);
    }

    /**
     * How many field lines are named {@code name}.
     *
     * @param name the field name, compared case-insensitively
     * @return the count, 0 when there are none
     */
    public int count(String name) {
        int count = 0;
        for (int line = 0; line < packed.length(); line = valueEnd(nameEnd(line)) + 1) {
            if (isNamed(line, nameEnd(line), name)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Whether at least one field line is named {@code name}.
     *
     * @param name the field name, compared case-insensitively
     * @return {@code true} when there is such a line
     */
    public boolean contains(String name) {
        return first(name) != null;
    }

    /**
     * The list elements of every line named {@code name}, lower-cased: for fields whose tokens
     * compare case-insensitively, such as Connection (RFC 9110 §7.6.1) and Upgrade (§7.8).
     * RFC 9110 §5.3: several lines of a list field mean the same as one line joined by commas.
     *
     * @param name the field name, compared case-insensitively
     * @return the elements, trimmed and lower-cased, empty ones left out; an empty list when there
     *     are none
     */
    public List<String> tokens(String name) {
        List<String> tokens = new ArrayList<>();
        for (String element : values(name)) {
            tokens.add(element.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(tokens);
    }

    /**
     * The list elements of every line named {@code name}, case kept: for Sec-WebSocket-Protocol.
     *
     * @param name the field name, compared case-insensitively
     * @return the elements, trimmed, empty ones left out; an empty list when there are none
     */
    public List<String> values(String name) {
        List<String> elements = new ArrayList<>();
        for (String value : all(name)) {
            elements.addAll(HttpSyntax.splitList(value));
        }
        return List.copyOf(elements);
    }

    /**
     * Whether the lines named {@code name} list {@code token}, compared case-insensitively.
     *
     * @param name the field name, compared case-insensitively
     * @param token the token to look for
     * @return {@code true} when one of the lines lists it
     */
    public boolean containsToken(String name, String token) {
        return tokens(name).contains(token.toLowerCase(Locale.ROOT));
    }

    /**
     * These fields with one more line at the end.
     *
     * @param name the new line's name; an HTTP token
     * @param value the new line's value; a field value
     * @return new header fields; these are unchanged
     */
    public HttpHeaders with(String name, String value) {
        Builder builder = builder();
        forEach(builder::add);
        return builder.add(name, value).build();
    }

    /**
     * These fields without any line named {@code name}.
     *
     * @param name the field name, compared case-insensitively
     * @return new header fields; these are unchanged
     */
    public HttpHeaders without(String name) {
        Builder builder = builder();
        forEach((n, v) -> {
            if (!n.equalsIgnoreCase(name)) {
                builder.add(n, v);
            }
        });
        return builder.build();
    }

    /** Appends each field as {@code name: value CRLF} (RFC 9112 §5). */
    void appendTo(StringBuilder head) {
        forEach((n, v) -> head.append(n).append(": ").append(v).append("\r\n"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpHeaders && packed.equals(((HttpHeaders) o).packed);
    }

    @Override
    public int hashCode() {
        return packed.hashCode();
    }

    /** The fields as {@code [Name: value, Name: value]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        forEach((n, v) -> text.append(text.length() > 1 ? ", " : "").append(n).append(": ").append(v));
        return text.append(']').toString();
    }

    /** Collects field lines in order; each {@link #add} checks its arguments at once. */
    public static final class Builder {
        private final StringBuilder packed = new StringBuilder();

        private Builder() {
        }

        /**
         * Appends a field line. The name must be a token (RFC 9110 §5.1) and the value free of
         * control characters and of characters above U+00FF (RFC 9110 §5.5), else
         * {@link IllegalArgumentException}.
         *
         * @param name the field's name
         * @param value the field's value
         * @return this builder
         */
        public Builder add(String name, String value) {
            if (!HttpSyntax.isToken(name)) {
                throw new IllegalArgumentException("header name is not an HTTP token: '" + name + "'");
            }
            if (!HttpSyntax.isFieldValue(value)) {
                throw new IllegalArgumentException("header value holds a forbidden character: " + name);
            }
            packed.append(name).append(NAME_END).append(value).append(VALUE_END);
            return this;
        }

        /**
         * Appends every field line of {@code fields} in order, as {@link #add} does each: the
         * headers another HTTP stack read (Netty's, Vert.x's), for the engine to judge.
         *
         * @param fields the fields, as name and value entries
         * @return this builder
         */
        public Builder addAll(Iterable<? extends Map.Entry<String, String>> fields) {
            for (Map.Entry<String, String> field : fields) {
                add(field.getKey(), field.getValue());
            }
            return this;
        }

        /**
         * The fields added so far, in their order.
         *
         * @return the header fields, immutable; the builder may go on
         */
        public HttpHeaders build() {
            return packed.isEmpty() ? EMPTY : new HttpHeaders(packed.toString());
        }
    }
}
