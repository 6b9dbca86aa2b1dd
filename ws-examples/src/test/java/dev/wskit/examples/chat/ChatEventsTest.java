package dev.wskit.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The room's JSON, written by hand: every string must come out as valid, exact JSON. */
class ChatEventsTest {

    @Test
    void quotesEscapeQuotesBackslashesAndControlCharacters() {
        assertThat(ChatEvents.quote("a\"b\\c\n\r\t\u0001é✓")).isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\\u0001é✓\"");
    }

    @Test
    void eventsListUsersInOrderOfArrival() {
        assertThat(ChatEvents.join("bob", List.of("ada", "bob")))
                .isEqualTo("{\"type\":\"join\",\"name\":\"bob\",\"users\":[\"ada\",\"bob\"]}");
        assertThat(ChatEvents.leave("ada", List.of()))
                .isEqualTo("{\"type\":\"leave\",\"name\":\"ada\",\"users\":[]}");
        assertThat(ChatEvents.message("ada", "hi", "1-0"))
                .isEqualTo("{\"type\":\"message\",\"name\":\"ada\",\"text\":\"hi\",\"id\":\"1-0\"}");
    }

    /** Written while the store was out of reach, a message has no id yet; a gap names the last id before it. */
    @Test
    void aMessageWithoutAnIdAndAGap() {
        assertThat(ChatEvents.message("ada", "hi", null)).isEqualTo("{\"type\":\"message\",\"name\":\"ada\",\"text\":\"hi\"}");
        assertThat(ChatEvents.gap("5-1")).isEqualTo("{\"type\":\"gap\",\"after\":\"5-1\"}");
    }
}
