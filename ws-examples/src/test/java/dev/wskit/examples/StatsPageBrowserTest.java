package dev.wskit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wskit.examples.transport.ExampleTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page in a real browser: {@code /stats} of an echo server run with {@code --metrics}
 * shows itself as the one open connection, then the two more a JDK client opens, and its plot of
 * open connections rises with them. On every transport; skipped where Debian's {@code chromium}
 * and {@code chromium-driver} are not installed.
 */
class StatsPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** The points of an SVG path as the page writes them: a command letter, x, y. */
    private static final Pattern POINT = Pattern.compile("[ML]([0-9.-]+) ([0-9.-]+)");

    private static WebDriver browser;
    @RegisterExtension
    static final HeadlessChromium.Extension CHROMIUM = HeadlessChromium.perTestClass(started -> browser = started);

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void thePlotRisesWithTheConnectionsOpened(ExampleTransport transport) throws Exception {
        assumeTrue(browser != null, HeadlessChromium.HOW_TO_ENABLE);
        try (RunningApp echo = RunningApp.start("echo", "--transport", transport.optionName(), "--port", "0", "--metrics")) {
            URI ws = echo.awaitUri("ws");
            browser.get("http://" + ws.getAuthority() + "/stats");
            awaitOpen("1");
            assertThat(browser.findElement(By.id("latest")).getAttribute("data-viewers")).isEqualTo("1");

            HttpClient http = HttpClient.newHttpClient();
            List<WebSocket> others = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                others.add(http.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() { })
                        .get(10, TimeUnit.SECONDS));
            }
            awaitOpen("3");

            List<double[]> points = points(browser.findElement(By.id("open-line")).getAttribute("d"));
            assertThat(points).hasSizeGreaterThanOrEqualTo(2);
            // SVG's y grows downwards: more connections are drawn higher up.
            assertThat(points.get(points.size() - 1)[1]).isLessThan(points.get(0)[1]);
            assertThat(points(browser.findElement(By.id("in-line")).getAttribute("d"))).hasSameSizeAs(points);
            others.forEach(WebSocket::abort);
        }
    }

    private static void awaitOpen(String count) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.attributeToBe(By.id("latest"), "data-open", count));
    }

    private static List<double[]> points(String path) {
        List<double[]> points = new ArrayList<>();
        Matcher m = POINT.matcher(path);
        while (m.find()) {
            points.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return points;
    }
}
