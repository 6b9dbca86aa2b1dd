package dev.wskit.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wskit.examples.HeadlessChromium;
import dev.wskit.examples.RunningApp;
import dev.wskit.examples.transport.ExampleTransport;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in a real browser: headless Chromium opens it in two tabs, both join, and a
 * message typed in one appears in the other; a name the server refuses shows its reason; the name
 * reaches the server's upgrade decision in the cookie the page set. On every
 * transport. Skipped where Debian's
 * {@code chromium} and {@code chromium-driver} are not installed.
 */
class ChatPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static WebDriver browser;
    @RegisterExtension
    static final HeadlessChromium.Extension CHROMIUM = HeadlessChromium.perTestClass(started -> browser = started);

    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void aMessageTypedInOneWindowAppearsInTheOther(ExampleTransport transport) throws Exception {
        assumeTrue(browser != null, HeadlessChromium.HOW_TO_ENABLE);
        try (RunningApp chat = RunningApp.start("chat", "--transport", transport.optionName(), "--port", "0")) {
            String adaTab = adaHereAndThePageInANewTab(chat.awaitUri("http").toString());
            String bobTab = browser.getWindowHandle();
            joinAs("bob");
            say("hello from bob");

            browser.switchTo().window(adaTab);
            awaitSaid("bob", "hello from bob");
            assertThat(browser.findElement(By.id("log")).getText()).contains("ada joined", "bob joined");
            assertThat(browser.findElement(By.id("members")).getText()).isEqualTo("ada\nbob");

            browser.switchTo().window(bobTab).close();
            browser.switchTo().window(adaTab);
            await(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "bob left"));
        }
    }

    /**
     * The upgrade's 409 or 400 never reaches a page's script, so the page asks the server why
     * first: a second window choosing a taken name, or a blank one, sees the server's reason and
     * stays out, then joins under a free name, and the first window's chat goes on.
     */
    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void aTakenOrBlankNameIsRefusedWithTheServersReason(ExampleTransport transport) throws Exception {
        assumeTrue(browser != null, HeadlessChromium.HOW_TO_ENABLE);
        try (RunningApp chat = RunningApp.start("chat", "--transport", transport.optionName(), "--port", "0")) {
            String adaTab = adaHereAndThePageInANewTab(chat.awaitUri("http").toString());
            String secondTab = browser.getWindowHandle();

            chooseName("   ");
            await(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Cannot join: name required"));
            chooseName("ada");
            await(ExpectedConditions.textToBe(By.id("status"), "Cannot join: name taken: ada"));
            assertThat(browser.findElement(By.id("room")).isDisplayed()).isFalse();

            joinAs("bob");
            browser.switchTo().window(adaTab);
            await(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "bob joined"));
            say("hello bob");

            browser.switchTo().window(secondTab);
            awaitSaid("ada", "hello bob");
            assertThat(browser.findElement(By.id("members")).getText()).isEqualTo("ada\nbob");
            browser.close();
            browser.switchTo().window(adaTab);
        }
    }

    /**
     * The page keeps the chosen name in a cookie and opens {@code /ws} with no name in the URL:
     * the server's upgrade decision reads the name from the cookie the browser sent. Coming back,
     * the page fills the name in from it.
     */
    @ParameterizedTest
    @EnumSource(ExampleTransport.class)
    void theNameTravelsInTheCookieThePageSet(ExampleTransport transport) throws Exception {
        assumeTrue(browser != null, HeadlessChromium.HOW_TO_ENABLE);
        try (RunningApp chat = RunningApp.start("chat", "--transport", transport.optionName(), "--port", "0")) {
            String page = chat.awaitUri("http").toString();
            browser.get(page);
            joinAs("grace hopper");

            assertThat(browser.manage().getCookieNamed("chat-name").getValue()).isEqualTo("grace%20hopper");
            assertThat(((JavascriptExecutor) browser).executeScript("return socket.url")).asString().endsWith("/ws");
            assertThat(browser.findElement(By.id("members")).getText()).isEqualTo("grace hopper");

            browser.get(page);
            assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("grace hopper");
        }
    }

    /** Joins as ada in the current tab, then opens the page in a new tab, now the current one; returns ada's tab. */
    private static String adaHereAndThePageInANewTab(String page) {
        String adaTab = browser.getWindowHandle();
        browser.get(page);
        joinAs("ada");
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(page);
        return adaTab;
    }

    /** Joins as {@code name} from the page in the current tab. */
    private static void joinAs(String name) {
        chooseName(name);
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

    /** Types {@code name} in place of the one there and presses Join. */
    private static void chooseName(String name) {
        browser.findElement(By.id("name")).clear();
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("join")).click();
    }

    private static void await(ExpectedCondition<?> condition) {
        new WebDriverWait(browser, WAIT).until(condition);
    }
}
