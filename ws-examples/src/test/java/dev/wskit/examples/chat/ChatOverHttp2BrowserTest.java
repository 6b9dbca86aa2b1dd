package dev.wskit.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wskit.examples.HeadlessChromium;
import dev.wskit.examples.RunningApp;
import dev.wskit.examples.TlsOptions;
import dev.wskit.testkit.kit.TestCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat app as {@code chat --transport netty --http2 --tls-cert F --tls-key F} serves it, in
 * headless Chromium: the pages load over h2 (ALPN), Chromium opens each page's WebSocket as an
 * RFC 8441 extended CONNECT stream on that HTTP/2 connection, and two pages chat. The server's
 * own count proves where the sockets ran: {@code --metrics} tags each handshake and open
 * connection with its transport, {@code netty-http2} for an HTTP/2 stream and {@code netty} for
 * an HTTP/1.1 upgrade, and only the former appear, twice. Chromium speaks HTTP/2 over TLS only, so
 * the server presents a test certificate, which the browser is told to accept. Skipped where
 * Debian's {@code chromium} and {@code chromium-driver} are not installed.
 */
class ChatOverHttp2BrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static WebDriver browser;
    @RegisterExtension
    static final HeadlessChromium.Extension CHROMIUM = HeadlessChromium.perTestClass(
            started -> browser = started, "--ignore-certificate-errors");

    @Test
    void chromiumChatsOverWebSocketsOnHttp2Streams(@TempDir Path dir) throws Exception {
        assumeTrue(browser != null, HeadlessChromium.HOW_TO_ENABLE);
        List<String> args = new ArrayList<>(List.of("chat", "--transport", "netty", "--http2", "--port", "0", "--metrics"));
        args.addAll(TlsOptions.loopback(dir));
        try (RunningApp chat = RunningApp.start(args.toArray(String[]::new))) {
            URI page = chat.awaitUri("https");
            assertThat(chat.out().next()).isEqualTo("and over HTTP/2 (h2, chosen by ALPN) on the same port");

            String adaTab = browser.getWindowHandle();
            browser.get(page.toString());
            joinAs("ada");
            browser.switchTo().newWindow(WindowType.TAB);
            browser.get(page.toString());
            joinAs("bob");
            assertThat(script("return location.protocol + ' ' + socket.url")).isEqualTo("https: " + page.resolve("/ws")
                    .toString().replaceFirst("^https", "wss"));
            assertThat(script("return performance.getEntriesByType('navigation')[0].nextHopProtocol")).isEqualTo("h2");
            say("hello from bob over h2");

            browser.switchTo().window(adaTab);
            awaitSaid("bob", "hello from bob over h2");
            assertThat(browser.findElement(By.id("members")).getText()).isEqualTo("ada\nbob");
            assertThat(script("return performance.getEntriesByType('navigation')[0].nextHopProtocol")).isEqualTo("h2");
            assertThat(script("return socket.readyState")).isEqualTo(1L);

            List<String> meters = scrape(page.resolve("/metrics"));
            // Both pages' sockets, and nothing else: two streams, open now. (The meter's status is
            // 101 for every accepted handshake, whatever the protocol; the transport tells them apart.)
            assertThat(meters).filteredOn(line -> line.startsWith("wskit_handshakes_total{")).containsExactly(
                    "wskit_handshakes_total{outcome=\"ACCEPTED\",role=\"SERVER\",status=\"101\","
                            + "transport=\"netty-http2\",violation=\"NONE\"} 2.0");
            assertThat(meters).filteredOn(line -> line.startsWith("wskit_connections_open{")).containsExactly(
                    "wskit_connections_open{role=\"SERVER\",transport=\"netty-http2\"} 2.0");
            // No WebSocket over HTTP/1.1: nothing at all on the HTTP/1.1 transport.
            assertThat(meters).noneMatch(line -> line.contains("transport=\"netty\""));
        }
    }

    /** The server's meters, as Prometheus text lines; fetched over TLS trusting the test certificate. */
    private static List<String> scrape(URI metrics) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TestCertificate.loopback().clientContext()).build();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(metrics).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body().lines().toList();
    }

    private static Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Joins as {@code name} from the page in the current tab. */
    private static void joinAs(String name) {
        browser.findElement(By.id("name")).clear();
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("join")).click();
        await(ExpectedConditions.visibilityOfElementLocated(By.id("room")));
    }

    /** Sends {@code text} from the current tab. */
    private static void say(String text) {
        browser.findElement(By.id("message")).sendKeys(text);
        browser.findElement(By.id("send")).click();
    }

    /** Waits until the current tab's log shows {@code text} from {@code who}. */
    private static void awaitSaid(String who, String text) {
        await(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//ul[@id='log']/li[span[@class='who' and text()='" + who + ":'] and contains(., '" + text + "')]")));
    }

    private static void await(ExpectedCondition<?> condition) {
        new WebDriverWait(browser, WAIT).until(condition);
    }
}
