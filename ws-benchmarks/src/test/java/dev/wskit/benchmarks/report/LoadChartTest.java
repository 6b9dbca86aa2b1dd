package dev.wskit.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The chart of a comparison, from result lines as run-load.sh collects them (the load tool's
 * {@code RESULT} lines with the script's labels): well-formed SVG, a bar per server per panel,
 * heights in the ratio of the values, labels, and escaped text.
 */
class LoadChartTest {
    private static final List<String> SERVERS = List.of("netty-own", "wskit-netty", "vertx-own", "wskit-vertx", "wskit-blocking", "raw-tcp");

    @Test
    void drawsARateAndAP99BarPerServerForEveryPoint() throws Exception {
        Document svg = parse(LoadChart.render(sample()).orElseThrow());

        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getDocumentElement().getAttribute("xmlns")).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(nodes(svg, "//*[local-name()='rect'][starts-with(@id, 'bar-')]").getLength()).isEqualTo(2 * 2 * SERVERS.size());
        for (String point : List.of("small", "bulk")) {
            for (String server : SERVERS) {
                assertThat(bar(svg, "bar-" + point + "-rate-" + server)).isNotNull();
                assertThat(bar(svg, "bar-" + point + "-p99-" + server)).isNotNull();
            }
        }
        assertThat(nodes(svg, "//*[local-name()='rect'][starts-with(@id, 'bar-latency')]").getLength()).isZero();
    }

    @Test
    void barHeightsAreInTheRatioOfTheMedians() throws Exception {
        Document svg = parse(LoadChart.render(sample()).orElseThrow());

        // small: 250,000 against 200,000 msg/s; p99 10,000 against 20,000 µs
        assertThat(height(svg, "bar-small-rate-wskit-netty") / height(svg, "bar-small-rate-netty-own")).isCloseTo(1.25, within(0.01));
        assertThat(height(svg, "bar-small-p99-wskit-netty") / height(svg, "bar-small-p99-netty-own")).isCloseTo(0.5, within(0.01));
        // Each panel on its own axis: bulk's tallest bar is as tall as small's.
        assertThat(height(svg, "bar-bulk-rate-raw-tcp")).isGreaterThan(height(svg, "bar-bulk-rate-netty-own") * 2.5);
    }

    @Test
    void distinguishesTheNativeStacksFromWskitsTransports() throws Exception {
        Document svg = parse(LoadChart.render(sample()).orElseThrow());

        assertThat(bar(svg, "bar-small-rate-netty-own").getAttribute("class")).isEqualTo("bar native");
        assertThat(bar(svg, "bar-small-rate-vertx-own").getAttribute("class")).isEqualTo("bar native");
        assertThat(bar(svg, "bar-small-rate-wskit-vertx").getAttribute("class")).isEqualTo("bar wskit");
        assertThat(bar(svg, "bar-small-rate-raw-tcp").getAttribute("class")).isEqualTo("bar ceiling");
        assertThat(bar(svg, "bar-small-rate-netty-own").getAttribute("fill"))
                .isNotEqualTo(bar(svg, "bar-small-rate-wskit-netty").getAttribute("fill"));
        assertThat(texts(svg)).contains("Netty's and Vert.x's own:", "wskit:", "ceiling:");
    }

    @Test
    void labelsEachBarTheAxesAndTheTitle() throws Exception {
        Document svg = parse(LoadChart.render(sample()).orElseThrow());
        List<String> texts = texts(svg);

        assertThat(texts).contains("250,000", "200,000", "10,000", "20,000", "11,200");
        assertThat(texts).contains("msg/s", "p99 µs", "small", "bulk");
        assertThat(texts).anyMatch(t -> t.contains("msg/s, median of the runs: higher is better"));
        assertThat(texts).anyMatch(t -> t.contains("p99 latency, µs, median of the runs' p99: lower is better"));
        assertThat(String.join("\n", texts)).contains("small: 100 connections × 64 B binary, 16 in flight")
                .contains("bulk: 10 connections × 64 KiB binary, 4 in flight")
                .contains("about 3 s measured per point").contains("medians of 1 run per server")
                .contains("JDK 25.0.1+8-LTS").contains("2026-12-07");
        assertThat(nodes(svg, "//*[local-name()='rect'][@id='bar-small-rate-wskit-netty']/*[local-name()='title']").item(0)
                .getTextContent()).isEqualTo("wskit-netty: 250,000 msg/s");
    }

    @Test
    void escapesTheTextItShows() throws Exception {
        String lines = "RESULT mode=echo server=netty-own point=small rep=1 jdk=25<beta>&\"'x date=2026-12-07"
                + " connections=1 in_flight=1 size=16 type=binary raw=false duration_s=3.00 messages=3 msgs_per_s=1.00"
                + " mb_per_s=0.00 p50_us=1.00 p99_us=2.00 p999_us=3.00 max_us=4.00 verified=3 errors=0";

        String chart = LoadChart.render(lines).orElseThrow();

        assertThat(chart).contains("JDK 25&lt;beta&gt;&amp;&quot;&apos;x").doesNotContain("<beta>");
        assertThat(String.join("\n", texts(parse(chart)))).contains("JDK 25<beta>&\"'x");
        assertThat(String.join("\n", texts(parse(chart)))).contains("small: 1 connection × 16 B binary, 1 in flight");
    }

    @Test
    void marksAServerWhoseRunsAllFailedInsteadOfDrawingABar() throws Exception {
        String lines = String.join("\n",
                "RESULT mode=echo server=netty-own point=bulk rep=1 connections=10 in_flight=4 size=65536 type=binary"
                        + " raw=false duration_s=3.00 messages=300 msgs_per_s=100.00 mb_per_s=6.55 p50_us=1.00 p99_us=2.00"
                        + " p999_us=3.00 max_us=4.00 verified=300 errors=0",
                "RESULT mode=echo server=wskit-netty point=bulk rep=1 connections=10 in_flight=4 size=65536 type=binary"
                        + " raw=false duration_s=3.00 messages=0 msgs_per_s=0.00 mb_per_s=0.00 p50_us=0.00 p99_us=0.00"
                        + " p999_us=0.00 max_us=0.00 verified=0 errors=1 error=java.io.EOFException");

        Document svg = parse(LoadChart.render(lines).orElseThrow());

        assertThat(bar(svg, "bar-bulk-rate-netty-own")).isNotNull();
        assertThat(bar(svg, "bar-bulk-rate-wskit-netty")).isNull();
        assertThat(texts(svg)).contains("failed");
    }

    @Test
    void hasNoChartForRunsWithoutTraffic() {
        assertThat(LoadChart.render("RESULT mode=memory server=netty-own point=memory rep=1 connections=10000"
                + " heap_per_conn_bytes=2287.00 errors=0")).isEmpty();
    }

    private static String sample() throws IOException {
        try (InputStream in = LoadChartTest.class.getResourceAsStream("load-results.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static NodeList nodes(Document svg, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, svg, XPathConstants.NODESET);
    }

    private static Element bar(Document svg, String id) throws Exception {
        return (Element) nodes(svg, "//*[@id='" + id + "']").item(0);
    }

    private static double height(Document svg, String id) throws Exception {
        return Double.parseDouble(bar(svg, id).getAttribute("height"));
    }

    private static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagName("text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
