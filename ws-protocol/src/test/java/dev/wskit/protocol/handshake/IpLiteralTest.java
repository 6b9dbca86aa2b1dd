package dev.wskit.protocol.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "255.255.255.255", "192.0.2.1", "10.0.0.10"})
    void ipv4Addresses(String host) {
        assertThat(IpLiteral.matches(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "::", "1::", "2001:db8::1", "2001:DB8:0:0:8:800:200C:417A",
            "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::ffff:192.0.2.1", "1:2:3:4:5:6:192.0.2.1", "fe80::1%eth0"})
    void ipv6AddressesWithoutBrackets(String host) {
        assertThat(IpLiteral.matches(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::1]", "[2001:db8::1]", "[::ffff:192.0.2.1]", "[fe80::1%25eth0]"})
    void ipv6AddressesInBrackets(String host) {
        assertThat(IpLiteral.matches(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "localhost", "xn--bcher-kva.example", "a", "1.2.3", "1.2.3.4.5",
            "256.1.1.1", "01.2.3.4", "1.2.3.4.", "1..3.4", "", "[]", "[1.2.3.4]", "[example.com]"})
    void namesAndMalformedAddresses(String host) {
        assertThat(IpLiteral.matches(host)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {":::", "1::2::3", ":1::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::",
            "12345::1", "g::1", "::1.2.3", "1.2.3.4::", "::1%", "\u0661::1", "[::1"})
    void malformedIpv6IsNoAddress(String host) {
        assertThat(IpLiteral.matches(host)).isFalse();
    }

    @Test
    void aNullHostIsRefusedByName() {
        assertThatThrownBy(() -> IpLiteral.matches(null)).isInstanceOf(NullPointerException.class).hasMessage("host");
    }

    @Test
    void aWebSocketUriOffersItsHostAsTheTlsServerNameUnlessItIsAnAddress() {
        assertThat(WebSocketUri.of(URI.create("wss://example.com/chat")).serverName()).contains("example.com");
        assertThat(WebSocketUri.of(URI.create("wss://192.0.2.1/chat")).serverName()).isEmpty();
        assertThat(WebSocketUri.of(URI.create("wss://[2001:db8::1]:8443/")).serverName()).isEmpty();
    }
}
