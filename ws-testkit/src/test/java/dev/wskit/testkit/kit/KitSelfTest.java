package dev.wskit.testkit.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The kit can fail: an unchecked event fails the test, and its payloads and frames are what they say. */
class KitSelfTest {

    @Test
    void anEventNeverCheckedFailsTheTest() {
        Kit kit = new Kit(null);
        Recorder recorder = kit.recorder("client");
        recorder.note("close:1000:");
        recorder.message("unread");
        assertThatThrownBy(kit::finish).isInstanceOf(AssertionError.class)
                .hasMessageContaining("events never checked: [close:1000:, text(6 chars) \"unread\"]");
    }

    @Test
    void aTestThatTookEveryEventPasses() throws Exception {
        Kit kit = new Kit(null);
        Recorder recorder = kit.recorder("client");
        recorder.note("open");
        recorder.message(new byte[] {1});
        recorder.expect("open");
        recorder.expectBinary(new byte[] {1});
        kit.finish();
    }

    @Test
    void anEventOfAnotherKindFailsItsExpectation() {
        Recorder recorder = new Kit(null).recorder("client");
        recorder.message("close:1000:");
        assertThatThrownBy(() -> recorder.expect("close:1000:")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected close:1000: but got text");
    }

    @ParameterizedTest
    @FieldSource("dev.wskit.testkit.kit.Payloads#SIZES")
    void textsAreExactlyTheirSizeInUtf8(int size) {
        assertThat(Payloads.text(size).getBytes(StandardCharsets.UTF_8)).hasSize(size);
    }

    @Test
    void framesUseTheShortestLengthEncoding() {
        assertThat(RawPeer.hex(RawPeer.unmasked(0x82, new byte[125])).substring(0, 4)).isEqualTo("827d");
        assertThat(RawPeer.hex(RawPeer.unmasked(0x82, new byte[126])).substring(0, 8)).isEqualTo("827e007e");
        assertThat(RawPeer.hex(RawPeer.unmasked(0x82, new byte[65_536])).substring(0, 20)).isEqualTo("827f0000000000010000");
        assertThat(RawPeer.hex(RawPeer.masked(0x81, "a"))).isEqualTo("818137fa213d" + "56");
    }
}
