package dev.wskit.protocol.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpProxyTest {

    @Test
    void parsesHostAndPort() {
        HttpProxy proxy = HttpProxy.parse("http://proxy.example:3128");
        assertThat(proxy.host()).isEqualTo("proxy.example");
        assertThat(proxy.port()).isEqualTo(3128);
        assertThat(proxy.user()).isEmpty();
        assertThat(proxy).isEqualTo(HttpProxy.of("proxy.example", 3128));
        assertThat(HttpProxy.parse("HTTP://proxy.example:3128/")).isEqualTo(proxy);
    }

    @Test
    void parsesPercentEncodedCredentialsAndHidesThePassword() {
        HttpProxy proxy = HttpProxy.parse("http://al%40din:open%3Asesame@[::1]:8080");
        assertThat(proxy.host()).isEqualTo("::1");
        assertThat(proxy.address()).isEqualTo("[::1]:8080");
        assertThat(proxy.user()).contains("al@din");
        assertThat(proxy).isEqualTo(HttpProxy.of("[::1]", 8080).withCredentials("al@din", "open:sesame"));
        assertThat(proxy.authorization()).contains("Basic YWxAZGluOm9wZW46c2VzYW1l");
        assertThat(proxy.toString()).isEqualTo("http://al@din:…@[::1]:8080").doesNotContain("sesame");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://proxy.example:443 | a proxy URI starts with http://: https://proxy.example:443",
            "proxy.example:3128 | a proxy URI starts with http://: proxy.example:3128",
            "http://proxy.example | a proxy URI needs a port: http://proxy.example",
            "http://proxy.example:3128/path | a proxy URI has nothing after host:port: http://proxy.example:3128/path",
            "http://proxy.example:3128?q | a proxy URI has nothing after host:port: http://proxy.example:3128?q",
            "http://user@proxy.example:3128 | a proxy URI with a user needs a password too (user:password@): http://…@proxy.example:3128",
            "http://:secret@proxy.example:3128 | proxy user must not be empty",
            "http://proxy.example:0 | proxy port out of range 1-65535: 0",
            "http://pro xy:1 | not a proxy URI (http://[user:password@]host:port): http://pro xy:1",
    })
    void refusesWithAMessageThatSaysWhy(String uri, String message) {
        assertThatThrownBy(() -> HttpProxy.parse(uri)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void neverShowsThePasswordOfARefusedUri() {
        assertThatThrownBy(() -> HttpProxy.parse("http://user:hunter2@proxy.example"))
                .hasMessage("a proxy URI needs a port: http://…@proxy.example");
    }

    @Test
    void checksHostPortAndCredentialsWhenMade() {
        assertThatThrownBy(() -> HttpProxy.of("", 80)).hasMessage("proxy host must not be empty");
        assertThatThrownBy(() -> HttpProxy.of("a/b", 80)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpProxy.of("host", 65_536)).hasMessage("proxy port out of range 1-65535: 65536");
        HttpProxy proxy = HttpProxy.of("host", 80);
        assertThatThrownBy(() -> proxy.withCredentials("a:b", "c"))
                .hasMessage("proxy user must not contain a colon (RFC 7617 §2)");
        assertThatThrownBy(() -> proxy.withCredentials("a", "c\r\nX-Evil: 1"))
                .hasMessage("proxy user and password must not contain control characters (RFC 7617 §2)");
        assertThatThrownBy(() -> proxy.withCredentials(null, "c")).isInstanceOf(NullPointerException.class);
    }
}
