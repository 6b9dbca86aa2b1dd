package dev.wskit.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpHeadersTest {
    private final HttpHeaders headers = HttpHeaders.of(
            "Host", "example.com",
            "Connection", "keep-alive, Upgrade",
            "Sec-WebSocket-Protocol", "chat, ,SuperChat ",
            "sec-websocket-protocol", "v2.chat",
            "Empty", "");

    @Test
    void lookupIgnoresTheCaseOfNames() {
        assertThat(headers.first("HOST")).isEqualTo("example.com");
        assertThat(headers.count("SEC-WEBSOCKET-PROTOCOL")).isEqualTo(2);
        assertThat(headers.all("Sec-WebSocket-Protocol")).containsExactly("chat, ,SuperChat ", "v2.chat");
        assertThat(headers.first("Origin")).isNull();
        assertThat(headers.all("Origin")).isEmpty();
    }

    @Test
    void tokensAreSplitTrimmedLowerCasedAndJoinedAcrossLines() {
        assertThat(headers.tokens("connection")).containsExactly("keep-alive", "upgrade");
        assertThat(headers.containsToken("Connection", "UPGRADE")).isTrue();
        assertThat(headers.tokens("Sec-WebSocket-Protocol")).containsExactly("chat", "superchat", "v2.chat");
        assertThat(headers.tokens("Empty")).isEmpty();
    }

    @Test
    void valuesKeepTheirCase() {
        assertThat(headers.values("Sec-WebSocket-Protocol")).containsExactly("chat", "SuperChat", "v2.chat");
    }

    @Test
    void pairsKeepTheirOrderAndSpelling() {
        List<String> seen = new ArrayList<>();
        headers.forEach((name, value) -> seen.add(name + "=" + value));
        assertThat(seen).containsExactly("Host=example.com", "Connection=keep-alive, Upgrade",
                "Sec-WebSocket-Protocol=chat, ,SuperChat ", "sec-websocket-protocol=v2.chat", "Empty=");
    }

    @Test
    void withAppendsAndWithoutRemovesEveryLineOfAName() {
        HttpHeaders changed = headers.without("SEC-WEBSOCKET-PROTOCOL").with("Origin", "o");
        assertThat(changed.toString()).isEqualTo("[Host: example.com, Connection: keep-alive, Upgrade, Empty: , Origin: o]");
        assertThat(headers.count("Sec-WebSocket-Protocol")).isEqualTo(2);
    }

    @Test
    void builderRefusesNamesThatAreNotTokensAndValuesThatCouldInjectALine() {
        assertThatThrownBy(() -> HttpHeaders.of("Bad Name", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpHeaders.of("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpHeaders.of("X", "a\r\nInjected: yes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpHeaders.of("X", "a\u0000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpHeaders.of("X", "\u20ac")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpHeaders.of("X")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addAllKeepsTheOrderAndChecksEachLineAsAddDoes() {
        HttpHeaders copied = HttpHeaders.builder().addAll(List.of(Map.entry("A", "1"), Map.entry("b", "2"), Map.entry("a", "3"))).build();
        assertThat(copied.all("a")).containsExactly("1", "3");
        assertThat(copied.first("B")).isEqualTo("2");
        assertThatThrownBy(() -> HttpHeaders.builder().addAll(List.of(Map.entry("bad name", "x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
