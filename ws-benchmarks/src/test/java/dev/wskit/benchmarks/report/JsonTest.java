package dev.wskit.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsTheShapesJmhWrites() {
        Object parsed = Json.parse("[{\"benchmark\":\"a.B.c\",\"params\":{\"size\":\"16\"},"
                + "\"primaryMetric\":{\"score\":1.5E2,\"scoreError\":\"NaN\",\"rawData\":[[1,2.5],[-3]]},"
                + "\"flag\":true,\"none\":null,\"text\":\"q\\\"\\u00e9\\n\"}]");

        Map<?, ?> entry = (Map<?, ?>) ((List<?>) parsed).get(0);
        assertThat(entry.get("benchmark")).isEqualTo("a.B.c");
        assertThat(((Map<?, ?>) entry.get("params")).get("size")).isEqualTo("16");
        Map<?, ?> primary = (Map<?, ?>) entry.get("primaryMetric");
        assertThat(primary.get("score")).isEqualTo(150.0);
        assertThat(primary.get("scoreError")).isEqualTo("NaN");
        assertThat(primary.get("rawData")).isEqualTo(List.of(List.of(1.0, 2.5), List.of(-3.0)));
        assertThat(entry.get("flag")).isEqualTo(true);
        assertThat(entry.containsKey("none")).isTrue();
        assertThat(entry.get("text")).isEqualTo("q\"é\n");
    }

    @Test
    void readsEmptyContainersAndBareNaN() {
        assertThat(Json.parse(" { } ")).isEqualTo(Map.of());
        assertThat(Json.parse("[ ]")).isEqualTo(List.of());
        assertThat((Double) ((List<?>) Json.parse("[NaN]")).get(0)).isNaN();
    }

    @Test
    void rejectsWhatIsNotJson() {
        assertThatThrownBy(() -> Json.parse("[1,]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("[1] x")).isInstanceOf(IllegalArgumentException.class);
    }
}
