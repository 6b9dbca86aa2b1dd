package dev.wskit.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whatever text a result line carries, the document stays well-formed XML. */
class SvgTest {
    @Test
    void escapesMarkupAndReplacesCharactersXmlForbids() {
        assertThat(Svg.escape("a<b>&\"c'\u0001\td")).isEqualTo("a&lt;b&gt;&amp;&quot;c&apos;\uFFFD\td");
    }

    @Test
    void writesCoordinatesWithOneDecimalAtMost() {
        assertThat(Svg.number(12.0)).isEqualTo("12");
        assertThat(Svg.number(12.345)).isEqualTo("12.3");
    }
}
