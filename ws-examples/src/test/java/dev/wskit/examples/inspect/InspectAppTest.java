package dev.wskit.examples.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.examples.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code inspect} over recorded captures (src/test/resources/captures), well-formed and not. */
class InspectAppTest {

    record Result(int status, String out, String err) {
    }

    private static Result inspect(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("inspect"));
        all.addAll(List.of(args));
        int status = Main.run(all, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String capture(String name) {
        try {
            return Path.of(InspectAppTest.class.getResource("/captures/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void listsEveryFrameAndMessageOfARecordedBrowserSession() {
        Result r = inspect(new byte[0], capture("browser-session.bin"));
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("handshake: GET /chat HTTP/1.1")
                .contains("#1 @189 TEXT         FIN rsv=--- len=5 masked(37fa213d)")
                .contains("payload: 48656c6c6f")
                .contains("#3 @209 PING")
                .contains("message 1: text, 5 chars: \"Hello\"")
                .contains("message 2: text, 5 chars: \"Hello\"")
                .contains("message 3: binary, 200 bytes")
                .contains("close: code 1000 reason \"bye\"")
                .contains("end of capture: 3 message(s), no broken rule");
    }

    @Test
    void namesTheFirstBrokenRuleAndTheServersAnswer() {
        Result r = inspect(new byte[0], "--hex", capture("unmasked-frame.hex"));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("message 1: text, 4 chars: \"fine\"")
                .contains("broken rule: UNMASKED_CLIENT_FRAME (RFC 6455 §5.1)")
                .contains("a server answers: close 1002")
                .doesNotContain("oops");
    }

    @Test
    void readsAServersCompressedMessagesFromAHexdumpCapture() {
        Result r = inspect(new byte[0], "--from", "server", "--hex", capture("server-deflate.hex"));
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("handshake: HTTP/1.1 101 Switching Protocols")
                .contains("TEXT         FIN rsv=1-- len=7 unmasked")
                .contains("message 1: text, 5 chars: \"Hello\"")
                .contains("message 2: text, 5 chars: \"Hello\"")
                .contains("message 3: text, 5 chars: \"plain\"")
                .contains("close: code 1000");
    }

    @Test
    void readsStandardInputWithoutAHandshake() {
        byte[] invalidUtf8 = HexFormat.of().parseHex("8182" + "37fa213d" + "f6a2");
        Result r = inspect(invalidUtf8);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("broken rule: INVALID_UTF8 (RFC 6455 §8.1)").contains("a server answers: close 1007");
    }

    @Test
    void judgesAMaskedServerFrameAsAClientWould() {
        Result r = inspect(HexFormat.of().parseHex("818537fa213d7f9f4d5158"), "--from", "server");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("broken rule: MASKED_SERVER_FRAME").contains("a client answers: close 1002");
    }

    @Test
    void reportsTheHttpStatusForABadHandshake() {
        String request = "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 12\r\n\r\n";
        Result r = inspect(request.getBytes(StandardCharsets.US_ASCII));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("broken rule: UNSUPPORTED_VERSION").contains("a server answers: HTTP 426");
    }

    @Test
    void saysWhenTheCaptureEndsInsideAFrame() {
        Result r = inspect(HexFormat.of().parseHex("818537fa21"));
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("end of capture inside a frame at byte 0");
    }

    @Test
    void refusesBadArgumentsInOneLineWithStatus2() {
        assertThat(inspect(new byte[0], "--from", "nobody").status()).isEqualTo(2);
        Result missing = inspect(new byte[0], "/no/such/capture");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("inspect: no such file: /no/such/capture (try inspect --help)");
        Result notHex = inspect("81 0g".getBytes(StandardCharsets.US_ASCII), "--hex");
        assertThat(notHex.status()).isEqualTo(2);
        assertThat(notHex.err()).contains("line 1 is not hex bytes");
    }

    @Test
    void explainsItselfOnHelp() {
        Result r = inspect(new byte[0], "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("usage: inspect [--from client|server] [--hex] [--deflate] [FILE]");
    }
}
