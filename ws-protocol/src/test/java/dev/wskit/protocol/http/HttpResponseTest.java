package dev.wskit.protocol.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpResponseTest {

    @Test
    void encodesStatusLineHeadersLengthEmptyLineAndBody() {
        HttpResponse response = HttpResponse.of(200, "text/html", "<p>hi</p>".getBytes(ISO_8859_1))
                .withHeader("Cache-Control", "no-store");

        assertThat(text(response.encode())).isEqualTo("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/html\r\n"
                + "Cache-Control: no-store\r\n"
                + "Content-Length: 9\r\n"
                + "\r\n"
                + "<p>hi</p>");
    }

    @Test
    void sendsAnEmptyBodyWithContentLengthZero() {
        HttpResponse response = HttpResponse.of(404, HttpHeaders.empty(), new byte[0]);
        assertThat(text(response.encode())).isEqualTo("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    }

    @Test
    void doesNotRepeatAContentLengthTheCallerGave() {
        HttpResponse response = HttpResponse.text(200, "ok").withHeader("content-length", "2");
        assertThat(text(response.encode())).isEqualTo("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\ncontent-length: 2\r\n\r\nok");
    }

    @Test
    void refusesAContentLengthThatIsNotTheBodys() {
        assertThatThrownBy(() -> HttpResponse.text(200, "ok").withHeader("Content-Length", "3"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sends101And204WithoutContentLength() {
        assertThat(text(HttpResponse.of(101, HttpHeaders.of("Upgrade", "websocket"), new byte[0]).encode()))
                .isEqualTo("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
        assertThat(text(HttpResponse.of(204, HttpHeaders.empty(), new byte[0]).encode()))
                .isEqualTo("HTTP/1.1 204 No Content\r\n\r\n");
        assertThatThrownBy(() -> HttpResponse.text(101, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withHeaderReplacesEveryLineOfThatName() {
        HttpResponse response = HttpResponse.text(200, "").withHeader("Connection", "keep-alive")
                .withHeader("CONNECTION", "close");
        assertThat(response.headers().all("Connection")).containsExactly("close");
    }

    @Test
    void textIsEncodedAsUtf8AndTheBodyIsACopy() {
        HttpResponse response = HttpResponse.text(200, "\u00e9");
        byte[] body = response.body();
        assertThat(body).containsExactly(0xc3, 0xa9);
        body[0] = 0;
        assertThat(response.body()).containsExactly(0xc3, 0xa9);
    }

    @ParameterizedTest
    @CsvSource({"101, Switching Protocols", "200, OK", "400, Bad Request", "403, Forbidden", "404, Not Found",
            "405, Method Not Allowed", "426, Upgrade Required", "431, Request Header Fields Too Large",
            "500, Internal Server Error", "299, ''"})
    void usesTheStandardReasonPhrase(int status, String reason) {
        assertThat(HttpResponse.of(status, HttpHeaders.empty(), new byte[0]).reason()).isEqualTo(reason);
    }

    @Test
    void refusesAStatusOutsideTheValidRange() {
        assertThatThrownBy(() -> HttpResponse.text(99, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponse.text(600, "")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String text(ByteBuffer wire) {
        byte[] bytes = new byte[wire.remaining()];
        wire.get(bytes);
        return new String(bytes, ISO_8859_1);
    }
}
