package dev.wskit.protocol.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wskit.protocol.ProtocolViolation;
import dev.wskit.protocol.WebSocketConfig;
import dev.wskit.protocol.WebSocketException;
import dev.wskit.protocol.extension.PerMessageDeflateConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client's side of the HTTP/2 opening (RFC 8441 §4, §5): the extended CONNECT, and the check of the answer. */
class Http2ClientHandshakeTest {
    private static final WebSocketConfig CHAT = WebSocketConfig.builder().subprotocols("chat", "superchat").build();

    @Test
    void sendsAnExtendedConnectWithoutKeyOrUpgrade() {
        ClientHandshake handshake = ClientHandshake.builder(URI.create("wss://server.example.com/chat?room=1"))
                .origin("http://www.example.com").header("Cookie", "id=1").buildForHttp2(CHAT);

        assertThat(handshake.isHttp2()).isTrue();
        assertThat(handshake.key()).isNull();
        assertThat(handshake.http2Fields()).containsExactly(
                Map.entry(":method", "CONNECT"),
                Map.entry(":protocol", "websocket"),
                Map.entry(":scheme", "https"),
                Map.entry(":path", "/chat?room=1"),
                Map.entry(":authority", "server.example.com"),
                Map.entry("sec-websocket-version", "13"),
                Map.entry("origin", "http://www.example.com"),
                Map.entry("sec-websocket-protocol", "chat, superchat"),
                Map.entry("cookie", "id=1"));
    }

    @Test
    void whatItSendsTheServerAccepts() {
        ClientHandshake handshake = ClientHandshake.builder(URI.create("ws://localhost:8080/")).buildForHttp2(
                WebSocketConfig.builder().perMessageDeflate(PerMessageDeflateConfig.defaults()).build());
        List<Map.Entry<String, String>> fields = handshake.http2Fields();

        assertThat(Http2ServerHandshake.screen(fields, Http2ServerHandshake.request(fields), WebSocketConfig.defaults()))
                .isNull();
    }

    @Test
    void a200WithAnOfferedSubprotocolOpens() {
        ClientHandshake handshake = ClientHandshake.builder(URI.create("ws://localhost/")).buildForHttp2(CHAT);

        String chosen = handshake.validate(Http2ServerHandshake.response(
                List.of(Map.entry(":status", "200"), Map.entry("sec-websocket-protocol", "superchat"))));

        assertThat(chosen).isEqualTo("superchat");
    }

    @Test
    void anotherStatusIsARefusal() {
        ClientHandshake handshake = ClientHandshake.builder(URI.create("ws://localhost/")).buildForHttp2(CHAT);

        assertThatThrownBy(() -> handshake.validate(Http2ServerHandshake.response(List.of(Map.entry(":status", "403")))))
                .isInstanceOfSatisfying(UpgradeRefusedException.class, refused -> assertThat(refused.status()).isEqualTo(403));
    }

    @Test
    void aSubprotocolNotOfferedFailsAsOverHttp11() {
        ClientHandshake handshake = ClientHandshake.builder(URI.create("ws://localhost/")).buildForHttp2(CHAT);

        assertThatThrownBy(() -> handshake.validate(Http2ServerHandshake.response(
                List.of(Map.entry(":status", "200"), Map.entry("sec-websocket-protocol", "mqtt")))))
                .isInstanceOfSatisfying(WebSocketException.class,
                        failed -> assertThat(failed.violation()).isEqualTo(ProtocolViolation.UNREQUESTED_SUBPROTOCOL));
    }

    @Test
    void anHttp11HandshakeHasNoHttp2Fields() {
        ClientHandshake handshake = ClientHandshake.builder(URI.create("ws://localhost/")).build(CHAT);

        assertThat(handshake.isHttp2()).isFalse();
        assertThatThrownBy(handshake::http2Fields).isInstanceOf(IllegalStateException.class);
    }
}
