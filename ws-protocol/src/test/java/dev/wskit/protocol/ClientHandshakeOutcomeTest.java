package dev.wskit.protocol;

import static dev.wskit.protocol.ServerUnderTest.drain;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wskit.protocol.engine.WebSocketEngine;
import dev.wskit.protocol.handshake.ClientHandshake;
import dev.wskit.protocol.handshake.UpgradeRefusedException;
import dev.wskit.protocol.http.HttpResponse;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a client learns from the server's answer (RFC 6455 §4.1): the 101 it opened with, or the
 * refusal (any other status) with its body: read by its length or decoded from its chunks until
 * the timeout, or, without either, what came with the head.
 */
class ClientHandshakeOutcomeTest {
    private final List<WebSocketException> errors = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();
    private final WebSocketConfig config = WebSocketConfig.builder()
            .random(ClientConnectionTest.rfcNonceThenSeeded()).handshakeTimeout(Duration.ofSeconds(5)).build();
    private final TestClock clock = new TestClock();
    private final WebSocketEngine client = WebSocketEngine.client(
            ClientHandshake.builder(URI.create("ws://server.example.com/chat")).subprotocols(List.of("chat")).build(config),
            config, new WebSocketHandler() {
                @Override
                public void onOpen(WebSocket socket) {
                    opened.add(socket.handshakeResponse().map(HttpResponse::status).orElse(0) + " " + socket.subprotocol());
                }

                @Override
                public void onError(WebSocket socket, WebSocketException error) {
                    errors.add(error);
                }
            }, clock);

    private void receive(String text) {
        client.receive(ByteBuffer.wrap(text.getBytes(US_ASCII)));
    }

    private HttpResponse refusal() {
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).isInstanceOf(UpgradeRefusedException.class);
        assertThat(errors.get(0).violation()).isEqualTo(ProtocolViolation.STATUS_NOT_101);
        assertThat(client.failure()).isSameAs(errors.get(0));
        return ((UpgradeRefusedException) errors.get(0)).response();
    }

    @Test
    void offersTheSubprotocolsOfThisConnectAndKeepsThe101ItOpenedWith() {
        assertThat(new String(drain(client), US_ASCII)).contains("Sec-WebSocket-Protocol: chat\r\n");
        receive(Rfc6455Examples.OPENING_RESPONSE.replace("\r\n\r\n", "\r\nSec-WebSocket-Protocol: chat\r\nX-Served-By: a\r\n\r\n"));

        assertThat(opened).containsExactly("101 chat");
        HttpResponse response = client.socket().handshakeResponse().orElseThrow();
        assertThat(response.headers().first("X-Served-By")).isEqualTo("a");
        assertThat(response.headers().first("Sec-WebSocket-Accept")).isEqualTo(Rfc6455Examples.ACCEPT);
    }

    @Test
    void readsARefusalsBodyByItsLengthAcrossReads() {
        drain(client);
        receive("HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\nX-Why: token\r\n\r\nno t");
        assertThat(errors).as("the body is not complete yet").isEmpty();
        receive("oken\n");

        HttpResponse response = refusal();
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.reason()).isEqualTo("Forbidden");
        assertThat(response.headers().first("X-Why")).isEqualTo("token");
        assertThat(new String(response.body(), US_ASCII)).isEqualTo("no token\n");
        assertThat(client.transportEnd()).isEqualTo(TransportEnd.ABORT);
        assertThat(opened).isEmpty();
    }

    /**
     * A body without a length lasts until the server closes, which it may never do: the refusal
     * carries what came with the head at once, not after the handshake timeout.
     */
    @Test
    void aBodyWithoutALengthIsWhatCameWithTheHead() {
        drain(client);
        receive("HTTP/1.0 500 Oops\r\n\r\nsomething broke");

        assertThat(new String(refusal().body(), US_ASCII)).isEqualTo("something broke");
    }

    @Test
    void readsNoMoreThanTheCap() {
        drain(client);
        receive("HTTP/1.1 404 Not Found\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(5000));

        assertThat(refusal().body()).hasSize(UpgradeRefusedException.MAX_BODY_BYTES);
    }

    @Test
    void reportsWhatArrivedOfTheBodyWhenTheHandshakeTimesOut() {
        drain(client);
        receive("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 50\r\n\r\nbusy");
        clock.advance(Duration.ofSeconds(5));
        client.wakeUp();

        HttpResponse response = refusal();
        assertThat(response.status()).isEqualTo(503);
        assertThat(new String(response.body(), US_ASCII)).isEqualTo("busy");
    }

    /** RFC 9112 §7.1: the refusal carries the decoded body, whatever the reads cut, an extension and the trailer ignored. */
    @Test
    void decodesAChunkedBodyCutAnywhere() {
        drain(client);
        String chunked = "HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "6\r\nlog in\r\n7;why=token\r\n first\n\r\n0\r\nX-Trailer: ignored\r\n\r\n";
        int body = chunked.indexOf("\r\n\r\n") + 4;
        receive(chunked.substring(0, body + 1));
        for (int i = body + 1; i < chunked.length() && errors.isEmpty(); i++) {
            receive(chunked.substring(i, i + 1));
        }

        HttpResponse response = refusal();
        assertThat(response.status()).isEqualTo(401);
        assertThat(new String(response.body(), US_ASCII)).isEqualTo("log in first\n");
    }

    @Test
    void aChunkedBodyIsCutAtTheCap() {
        drain(client);
        receive("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n1388\r\n" + "x".repeat(3000));
        assertThat(errors).as("the cap is not reached yet").isEmpty();
        receive("x".repeat(2000));

        assertThat(refusal().body()).hasSize(UpgradeRefusedException.MAX_BODY_BYTES);
    }

    /**
     * A chunk size that is not hexadecimal ends the decoding, without an exception of its own: the
     * refusal carries the body decoded before it.
     */
    @Test
    void anInvalidChunkSizeLeavesWhatWasDecodedBeforeIt() {
        drain(client);
        receive("HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nno \r\nzz\r\nmore\r\n0\r\n\r\n");

        assertThat(new String(refusal().body(), US_ASCII)).isEqualTo("no ");
    }

    @Test
    void reportsWhatWasDecodedOfAChunkedBodyWhenTheServerCloses() {
        drain(client);
        receive("HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbusy\r\n");
        assertThat(errors).as("the last chunk has not come").isEmpty();
        client.transportClosed();

        assertThat(new String(refusal().body(), US_ASCII)).isEqualTo("busy");
    }

    @Test
    void readsNoBodyOfANoContentAnswer() {
        drain(client);
        receive("HTTP/1.1 204 No Content\r\n\r\n");

        assertThat(refusal().body()).isEmpty();
        assertThat(client.socket().handshakeResponse()).isEqualTo(Optional.empty());
    }
}
