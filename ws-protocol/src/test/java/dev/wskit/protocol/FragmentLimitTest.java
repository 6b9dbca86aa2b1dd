package dev.wskit.protocol;

import static dev.wskit.protocol.ServerUnderTest.hex;
import static dev.wskit.protocol.Wire.closePayload;
import static dev.wskit.protocol.Wire.masked;
import static dev.wskit.protocol.Wire.unmasked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link WebSocketConfig#maxFragmentsPerMessage()}: a message may come in that many frames, its
 * first included, and the frame after them is answered with 1009 at its header, in both delivery
 * modes. Empty and one-byte continuations grow no size limit, so only this bound stops them.
 */
class FragmentLimitTest {
    private static final int LIMIT = 8;

    private static ServerUnderTest server(MessageDelivery delivery, int limit) {
        return new ServerUnderTest(WebSocketConfig.builder().delivery(delivery).maxFragmentsPerMessage(limit).build());
    }

    /** A binary message of {@code frames} frames: "a" first, then empty continuations, the last one final. */
    private static byte[] binaryIn(int frames, boolean finished) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(masked(frames == 1 && finished ? 0x82 : 0x02, "a"));
        for (int i = 2; i <= frames; i++) {
            out.writeBytes(masked(i == frames && finished ? 0x80 : 0x00, new byte[0]));
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MessageDelivery.class)
    void aMessageOfExactlyTheLimitInFramesIsDelivered(MessageDelivery delivery) {
        for (boolean byteByByte : new boolean[] {false, true}) {
            ServerUnderTest server = server(delivery, LIMIT);
            if (byteByByte) {
                server.receiveByteByByte(binaryIn(LIMIT, true));
            } else {
                server.receive(binaryIn(LIMIT, true));
            }
            List<String> expected = delivery == MessageDelivery.WHOLE
                    ? List.of("binary:61") : List.of("binaryFragment:61", "binaryFragment::last");
            assertThat(server.events.take()).isEqualTo(expected);
            assertThat(server.written()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MessageDelivery.class)
    void theFrameAfterTheLimitIsAnswered1009AtItsHeader(MessageDelivery delivery) {
        for (boolean byteByByte : new boolean[] {false, true}) {
            ServerUnderTest server = server(delivery, LIMIT);
            byte[] limitFrames = binaryIn(LIMIT, false);
            // Only the header of the frame past the limit: it fails before its payload is awaited.
            byte[] nextHeader = java.util.Arrays.copyOf(masked(0x00, new byte[100]), 6);
            if (byteByByte) {
                server.receiveByteByByte(limitFrames, nextHeader);
            } else {
                server.receive(limitFrames, nextHeader);
            }
            List<String> expected = new ArrayList<>();
            if (delivery == MessageDelivery.FRAGMENTS) {
                expected.add("binaryFragment:61");
            }
            expected.add("error:TOO_MANY_FRAGMENTS");
            expected.add("close:1009:");
            assertThat(server.events.take()).isEqualTo(expected);
            assertThat(server.events.errors()).singleElement().satisfies(error -> {
                assertThat(error.closeCode()).isEqualTo(1009);
                assertThat(error.getMessage()).contains("frame " + (LIMIT + 1) + " of one message, limit " + LIMIT);
            });
            assertThat(hex(server.written())).isEqualTo(hex(unmasked(0x88,
                    closePayload(1009, ProtocolViolation.TOO_MANY_FRAGMENTS.description()))));
            assertThat(server.connection.transportEnd()).isEqualTo(TransportEnd.GRACEFUL);
        }
    }

    @Test
    void theCountStartsAgainWithEachMessage() {
        ServerUnderTest server = server(MessageDelivery.WHOLE, LIMIT);
        server.receive(binaryIn(LIMIT, true), binaryIn(LIMIT, true), binaryIn(1, true));
        assertThat(server.events.take()).containsExactly("binary:61", "binary:61", "binary:61");
    }

    @Test
    void controlFramesBetweenFragmentsDoNotCount() {
        ServerUnderTest server = server(MessageDelivery.WHOLE, 2);
        server.receive(masked(0x01, "Hel"), masked(0x89, "p"), masked(0x8a, "q"), masked(0x80, "lo"));
        assertThat(server.events.take()).containsExactly("ping:70", "pong:71", "text:Hello");
    }

    @Test
    void aLimitOfOneRefusesEveryFragmentedMessage() {
        ServerUnderTest server = server(MessageDelivery.WHOLE, 1);
        server.receive(masked(0x81, "whole"), masked(0x01, "in "), masked(0x80, "two"));
        assertThat(server.events.take()).containsExactly("text:whole", "error:TOO_MANY_FRAGMENTS", "close:1009:");
    }

    @Test
    void theDefaultLetsAMessageComeIn4096FramesAndNoMore() {
        assertThat(WebSocketConfig.defaults().maxFragmentsPerMessage()).isEqualTo(4096);
        ServerUnderTest passes = new ServerUnderTest();
        passes.receive(binaryIn(4096, true));
        assertThat(passes.events.take()).containsExactly("binary:61");

        ServerUnderTest refused = new ServerUnderTest();
        refused.receive(binaryIn(4097, true));
        assertThat(refused.events.take()).containsExactly("error:TOO_MANY_FRAGMENTS", "close:1009:");
    }

    @Test
    void theSettingIsCheckedAndKeptByToBuilder() {
        assertThatThrownBy(() -> WebSocketConfig.builder().maxFragmentsPerMessage(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFragmentsPerMessage must be positive: 0");
        WebSocketConfig config = WebSocketConfig.builder().maxFragmentsPerMessage(17).build();
        assertThat(config.toBuilder().build().maxFragmentsPerMessage()).isEqualTo(17);
    }
}
