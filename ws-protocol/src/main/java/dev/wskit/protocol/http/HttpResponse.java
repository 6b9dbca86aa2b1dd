package dev.wskit.protocol.http;

import dev.wskit.protocol.internal.HttpSyntax;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An HTTP response (RFC 9112 §4): status, reason phrase, header fields and body. A parsed
 * response holds the head only (its body, if any, is not read). Immutable.
 */
public final class HttpResponse {
    private static final byte[] NO_BODY = new byte[0];
    private static final String CONTENT_LENGTH = "Content-Length";

    private final int status;
    private final String reason;
    private final HttpHeaders headers;
    private final byte[] body;

    HttpResponse(int status, String reason, HttpHeaders headers, byte[] body) {
        // RFC 9110 §15: every valid status code lies in 100–599.
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status out of range: " + status);
        }
        if (!HttpSyntax.isFieldValue(reason)) {
            throw new IllegalArgumentException("reason phrase holds a forbidden character");
        }
        // RFC 9110 §6.4.1: 1xx, 204 and 304 responses never carry content.
        if (!carriesContent(status) && body.length > 0) {
            throw new IllegalArgumentException("a " + status + " response has no body");
        }
        this.status = status;
        this.reason = reason;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = body;
    }

    /**
     * A response with the given fields and body, and the standard reason phrase of {@code status}.
     *
     * @param status the status code, 100 to 599
     * @param headers the header fields; a {@code Content-Length} among them must match the body
     * @param body the content, copied; empty for none
     * @return the response, with the standard reason phrase of {@code status}
     */
    public static HttpResponse of(int status, HttpHeaders headers, byte[] body) {
        checkContentLength(headers, body);
        return new HttpResponse(status, standardReason(status), headers, body.clone());
    }

    /**
     * A response whose body is {@code body}, labelled {@code contentType}.
     *
     * @param status the status code, 100 to 599
     * @param contentType the {@code Content-Type} value, as {@code application/json}
     * @param body the content, copied
     * @return the response, labelled {@code contentType}
     */
    public static HttpResponse of(int status, String contentType, byte[] body) {
        return of(status, HttpHeaders.of("Content-Type", contentType), body);
    }

    /**
     * A plain-text response, encoded as UTF-8.
     *
     * @param status the status code, 100 to 599
     * @param body the text; not {@code null}
     * @return the response, labelled {@code text/plain; charset=utf-8}
     */
    public static HttpResponse text(int status, String body) {
        return of(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A response head as it was read off the wire: the reason phrase as sent, and no body (one
     * that follows the head is not read).
     *
     * @param status the status code read
     * @param reason the reason phrase read, maybe empty
     * @param headers the header fields read
     * @return the response head, with an empty body
     */
    public static HttpResponse received(int status, String reason, HttpHeaders headers) {
        return new HttpResponse(status, reason, headers, NO_BODY);
    }

    /**
     * This response as read off the wire, with the part of its body that was read: all of it, or
     * a prefix when the reader stopped early, so {@code Content-Length} is not checked against it.
     *
     * @param read the body bytes read, copied
     * @return a new response; this one is unchanged
     */
    public HttpResponse withBodyRead(byte[] read) {
        return new HttpResponse(status, reason, headers, read.clone());
    }

    /**
     * This response with {@code name} set to {@code value}, replacing any lines of that name.
     *
     * @param name the field name; an HTTP token
     * @param value the field value
     * @return a new response; this one is unchanged
     */
    public HttpResponse withHeader(String name, String value) {
        HttpHeaders replaced = headers.without(name).with(name, value);
        checkContentLength(replaced, body);
        return new HttpResponse(status, reason, replaced, body);
    }

    /**
     * The status code.
     *
     * @return the status code, 100 to 599
     */
    public int status() {
        return status;
    }

    /**
     * The reason phrase; it carries no meaning (RFC 9112 §4) and may be empty.
     *
     * @return the reason phrase, never {@code null}
     */
    public String reason() {
        return reason;
    }

    /**
     * The header fields, in the order they came or were added.
     *
     * @return the header fields, never {@code null}
     */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * A copy of the body; empty for a parsed response.
     *
     * @return a new array, empty when there is no body
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The complete response as it goes on the wire: status line, header fields, a
     * {@code Content-Length} unless one was given or the status forbids content, the empty line,
     * the body.
     *
     * @return a new buffer holding the response, ready to be read
     */
    public ByteBuffer encode() {
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        headers.appendTo(head);
        // RFC 9112 §6.3: without a length the peer could only find the end of the body at close;
        // RFC 9110 §8.6: a 1xx or 204 response must not send one.
        if (carriesContent(status) && !headers.contains(CONTENT_LENGTH)) {
            head.append(CONTENT_LENGTH).append(": ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(headBytes.length + body.length).put(headBytes).put(body).flip();
    }

    /** The reason phrase RFC 9110 §15 gives {@code status}, or empty for one it does not name (RFC 9112 §4 allows it). */
    static String standardReason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 402 -> "Payment Required";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 426 -> "Upgrade Required";
            // RFC 6585 §4, §5.
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "";
        };
    }

    private static boolean carriesContent(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    /** A length the caller states must be the body's, or the peer would read the next bytes wrongly. */
    private static void checkContentLength(HttpHeaders headers, byte[] body) {
        for (String length : headers.all(CONTENT_LENGTH)) {
            if (!length.equals(Integer.toString(body.length))) {
                throw new IllegalArgumentException("Content-Length " + length + " but the body has " + body.length + " bytes");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HttpResponse)) {
            return false;
        }
        HttpResponse other = (HttpResponse) o;
        return status == other.status && reason.equals(other.reason)
                && headers.equals(other.headers) && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, reason, headers) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "HTTP/1.1 " + status + " " + reason + " " + headers + " (" + body.length + " body bytes)";
    }
}
