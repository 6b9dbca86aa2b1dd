package dev.wskit.protocol.http.internal;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.http.HttpHeaders;
import dev.wskit.protocol.http.HttpRequest;
import dev.wskit.protocol.http.HttpResponse;
import dev.wskit.protocol.internal.HttpSyntax;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one HTTP/1.1 message head (RFC 9112 §2.1: start-line, field lines, empty line) from any
 * split of the byte stream, and not one byte past its end: whatever follows (a pipelined first
 * frame) stays in the caller's buffer. Only the current line is kept, in an array that grows to
 * at most {@code maxBytes}.
 *
 * <p>The grammar is strict, because two parsers that disagree on where a head ends are how
 * requests get smuggled past a proxy: every line ends in CRLF (a bare LF or bare CR is refused,
 * which RFC 9112 §2.2 allows), no empty line may precede the start-line, a field name is a token
 * directly followed by its colon (§5.1), obsolete line folding is refused (§5.2), and field
 * values hold no control character but HTAB (RFC 9110 §5.5). Bytes are read as ISO-8859-1.
 *
 * <p>Not thread-safe: one parser per connection, used once. After an exception it is spent.
 */
public final class HttpHeadParser {
    private static final int INITIAL_LINE_CAPACITY = 128;
    private static final String GET = "GET";

    /** Whether a request or a response is read, and which violations its failures are. */
    private enum Kind {
        REQUEST(ProtocolViolation.MALFORMED_REQUEST, ProtocolViolation.REQUEST_HEADER_TOO_LARGE),
        RESPONSE(ProtocolViolation.MALFORMED_RESPONSE, ProtocolViolation.RESPONSE_HEADER_TOO_LARGE);

        final ProtocolViolation malformed;
        final ProtocolViolation tooLarge;

        Kind(ProtocolViolation malformed, ProtocolViolation tooLarge) {
            this.malformed = malformed;
            this.tooLarge = tooLarge;
        }
    }

    private final Kind kind;
    private final int maxBytes;
    private final HttpHeaders.Builder headers = HttpHeaders.builder();
    private byte[] line;
    private int lineLength;
    private int consumed;
    private HttpRequest request;
    private HttpResponse response;
    private boolean complete;
    private boolean failed;

    private HttpHeadParser(Kind kind, int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.kind = kind;
        this.maxBytes = maxBytes;
        this.line = new byte[Math.min(INITIAL_LINE_CAPACITY, maxBytes)];
    }

    /** A parser for a request head of at most {@code maxBytes}, empty line included. */
    public static HttpHeadParser forRequests(int maxBytes) {
        return new HttpHeadParser(Kind.REQUEST, maxBytes);
    }

    /** A parser for a response head of at most {@code maxBytes}, empty line included. */
    public static HttpHeadParser forResponses(int maxBytes) {
        return new HttpHeadParser(Kind.RESPONSE, maxBytes);
    }

    /**
     * Consumes bytes of {@code in} up to and including the empty line that ends the head.
     *
     * @return whether the head is complete; once it is, further calls consume nothing
     * @throws WebSocketException MALFORMED_REQUEST or REQUEST_HEADER_TOO_LARGE for requests,
     *     MALFORMED_RESPONSE or RESPONSE_HEADER_TOO_LARGE for responses; the byte that exceeds
     *     the limit is left unread
     */
    public boolean parse(ByteBuffer in) {
        if (failed) {
            throw new IllegalStateException("this head was already rejected");
        }
        while (!complete && in.hasRemaining()) {
            if (consumed == maxBytes) {
                throw fail(kind.tooLarge, "head longer than " + maxBytes + " bytes");
            }
            byte b = in.get();
            consumed++;
            if (b == '\n') {
                // RFC 9112 §2.2: a bare LF may be taken as a line end; we refuse it, like a bare CR.
                if (lineLength == 0 || line[lineLength - 1] != '\r') {
                    throw fail(kind.malformed, "line ends in a bare LF");
                }
                endLine(lineLength - 1);
                lineLength = 0;
            } else if (lineLength > 0 && line[lineLength - 1] == '\r') {
                throw fail(kind.malformed, "bare CR inside a line");
            } else {
                append(b);
            }
        }
        return complete;
    }

    /** The parsed request; only once {@link #parse} returned true on a request parser. */
    public HttpRequest request() {
        if (!complete || request == null) {
            throw new IllegalStateException("no complete request head");
        }
        return request;
    }

    /** The parsed response (head only); only once {@link #parse} returned true on a response parser. */
    public HttpResponse response() {
        if (!complete || response == null) {
            throw new IllegalStateException("no complete response head");
        }
        return response;
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(line.length * 2, maxBytes));
        }
        line[lineLength++] = b;
    }

    private void endLine(int length) {
        String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
        boolean startLineSeen = request != null || response != null;
        if (!startLineSeen) {
            if (kind == Kind.REQUEST) {
                request = parseRequestLine(text);
            } else {
                response = parseStatusLine(text);
            }
        } else if (length == 0) {
            complete = true;
            if (kind == Kind.REQUEST) {
                request = new HttpRequest(request.method(), request.target(),
                        request.versionMajor(), request.versionMinor(), headers.build());
            } else {
                response = HttpResponse.received(response.status(), response.reason(), headers.build());
            }
        } else {
            parseFieldLine(text);
        }
    }

    /** RFC 9112 §3: {@code method SP request-target SP HTTP-version}, single spaces. */
    private HttpRequest parseRequestLine(String text) {
        int firstSpace = text.indexOf(' ');
        int secondSpace = firstSpace < 0 ? -1 : text.indexOf(' ', firstSpace + 1);
        if (secondSpace < 0) {
            // Also the empty line that RFC 9112 §2.2 lets servers skip before a request: we do not.
            throw fail(kind.malformed, "request-line is not 'method SP target SP version'");
        }
        // RFC 6455 §4.1: an opening request is a GET, and every connection keeps its request, so
        // the method is one shared string rather than a copy per connection.
        String method = text.startsWith(GET) && firstSpace == GET.length() ? GET : text.substring(0, firstSpace);
        String target = text.substring(firstSpace + 1, secondSpace);
        if (!HttpSyntax.isToken(method)) {
            throw fail(kind.malformed, "method is not a token");
        }
        if (target.isEmpty() || !HttpSyntax.allMatch(target, HttpSyntax::isRequestTargetChar)) {
            throw fail(kind.malformed, "invalid request-target");
        }
        String version = text.substring(secondSpace + 1);
        checkVersion(version);
        return new HttpRequest(method, target, digit(version, 5), digit(version, 7), HttpHeaders.empty());
    }

    /** RFC 9112 §4: {@code HTTP-version SP 3DIGIT SP [reason-phrase]}; the second SP is required. */
    private HttpResponse parseStatusLine(String text) {
        if (text.length() < 13 || text.charAt(8) != ' ' || text.charAt(12) != ' ') {
            throw fail(kind.malformed, "status-line is not 'version SP status SP reason'");
        }
        checkVersion(text.substring(0, 8));
        String code = text.substring(9, 12);
        if (!HttpSyntax.allMatch(code, HttpHeadParser::isDigit)) {
            throw fail(kind.malformed, "status code is not three digits");
        }
        int status = Integer.parseInt(code);
        // RFC 9110 §15: status codes outside 100–599 are invalid.
        if (status < 100 || status > 599) {
            throw fail(kind.malformed, "status code out of range: " + status);
        }
        String reason = text.substring(13);
        if (!HttpSyntax.isFieldValue(reason)) {
            throw fail(kind.malformed, "control character in the reason phrase");
        }
        return HttpResponse.received(status, reason, HttpHeaders.empty());
    }

    /** RFC 9112 §2.3: {@code "HTTP/" DIGIT "." DIGIT}, the name case-sensitive. */
    private void checkVersion(String version) {
        if (version.length() != 8 || !version.startsWith("HTTP/") || !isDigit(version.charAt(5))
                || version.charAt(6) != '.' || !isDigit(version.charAt(7))) {
            throw fail(kind.malformed, "HTTP version is not 'HTTP/x.y'");
        }
    }

    /** RFC 9112 §5: {@code field-name ":" OWS field-value OWS}. */
    private void parseFieldLine(String text) {
        // RFC 9112 §5.2: obs-fold (and whitespace before the first field, §2.2) is refused.
        if (HttpSyntax.isWhitespace(text.charAt(0))) {
            throw fail(kind.malformed, "obsolete line folding");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw fail(kind.malformed, "field line without a colon");
        }
        String name = text.substring(0, colon);
        if (colon > 0 && HttpSyntax.isWhitespace(name.charAt(colon - 1))) {
            // RFC 9112 §5.1: whitespace between name and colon must be answered 400.
            throw fail(kind.malformed, "whitespace between field name and colon");
        }
        if (!HttpSyntax.isToken(name)) {
            throw fail(kind.malformed, "field name is not a token");
        }
        String value = HttpSyntax.trimWhitespace(text.substring(colon + 1));
        if (!HttpSyntax.isFieldValue(value)) {
            throw fail(kind.malformed, "control character in field " + name);
        }
        headers.add(name, value);
    }

    private WebSocketException fail(ProtocolViolation violation, String detail) {
        failed = true;
        return new WebSocketException(violation, detail);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static int digit(String s, int index) {
        return s.charAt(index) - '0';
    }
}
