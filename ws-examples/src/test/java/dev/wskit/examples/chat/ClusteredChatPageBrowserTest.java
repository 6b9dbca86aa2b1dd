package dev.wskit.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wskit.examples.HeadlessChromium;
import dev.wskit.examples.RunningApp;
import dev.wskit.testkit.RedisServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page on a room of several nodes, in headless Chromium, with a real redis-server: two
 * pages on two nodes (blocking and Netty) chat; then the first page's node stops, and the page goes
 * on on its peer (a Vert.x node) with the last message it showed, and shows what was said while it
 * was away, each once, after what it had. The peer starts only once those messages are in the
 * room, so they are surely ones the page missed, not ones it heard live. Skipped where chromium or
 * redis-server is not installed.
 */
class ClusteredChatPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static WebDriver browser;
    @RegisterExtension
    static final HeadlessChromium.Extension CHROMIUM = HeadlessChromium.perTestClass(started -> browser = started);

    @Test
    void aPageWhoseNodeStopsGoesOnOnItsPeerAndShowsWhatItMissed() throws Exception {
        assumeTrue(browser != null, HeadlessChromium.HOW_TO_ENABLE);
        try (RedisServer redis = RedisServer.start()) {
            int peerPort = freePort();
            String peer = "http://127.0.0.1:" + peerPort + "/";
            try (RunningApp first = RunningApp.start("chat", "--cluster", redis.uri(), "--transport", "blocking",
                    "--port", "0", "--peers", peer);
                 RunningApp second = RunningApp.start("chat", "--cluster", redis.uri(), "--transport", "netty", "--port", "0")) {
                String adaTab = browser.getWindowHandle();
                browser.get(first.awaitUri("http").toString());
                joinAs("ada");
                browser.switchTo().newWindow(WindowType.TAB);
                String bobTab = browser.getWindowHandle();
                browser.get(second.awaitUri("http").toString());
                joinAs("bob");
                say("hello from bob");

                browser.switchTo().window(adaTab);
                awaitSaid("bob", "hello from bob");
                assertThat(browser.findElement(By.id("members")).getText()).isEqualTo("ada\nbob");
                say("hi bob");
                browser.switchTo().window(bobTab);
                awaitSaid("ada", "hi bob");

                assertThat(first.stop()).isZero();
                browser.switchTo().window(adaTab);
                await(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Reconnecting to"));
                browser.switchTo().window(bobTab);
                say("while you were away");
                say("and this too");
                awaitSaid("bob", "and this too");

                try (RunningApp third = RunningApp.start("chat", "--cluster", redis.uri(), "--transport", "vertx",
                        "--port", String.valueOf(peerPort))) {
                    third.awaitUri("http");
                    browser.switchTo().window(adaTab);
                    awaitSaid("bob", "and this too");
                    assertThat(said()).containsExactly(
                            "bob:hello from bob", "ada:hi bob", "bob:while you were away", "bob:and this too");
                    assertThat(((JavascriptExecutor) browser).executeScript("return socket.url")).asString()
                            .startsWith("ws://127.0.0.1:" + peerPort + "/ws?name=ada&after=");
                    assertThat(browser.findElement(By.id("status")).getText()).isEmpty();

                    say("back on another node");
                    browser.switchTo().window(bobTab);
                    awaitSaid("ada", "back on another node");
                    browser.close();
                    browser.switchTo().window(adaTab);
                }
            }
        }
    }

    /** The messages in the current tab's log, each as {@code name:text}. */
    private static List<String> said() {
        return browser.findElements(By.xpath("//ul[@id='log']/li[span[@class='who']]")).stream()
                .map(WebElement::getText).map(line -> line.replaceFirst(": ?", ":")).toList();
    }

    private static void joinAs(String name) {
        browser.findElement(By.id("name")).clear();
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("join")).click();
        await(ExpectedConditions.visibilityOfElementLocated(By.id("room")));
    }

    private static void say(String text) {
        browser.findElement(By.id("message")).sendKeys(text);
        browser.findElement(By.id("send")).click();
    }

    private static void awaitSaid(String who, String text) {
        await(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//ul[@id='log']/li[span[@class='who' and text()='" + who + ":'] and contains(., '" + text + "')]")));
    }

    private static void await(ExpectedCondition<?> condition) {
        new WebDriverWait(browser, WAIT).until(condition);
    }

    /** A port free now, for the node that starts later and that the first node names as its peer. */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
