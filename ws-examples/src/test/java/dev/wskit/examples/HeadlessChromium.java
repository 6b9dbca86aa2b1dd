package dev.wskit.examples;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium}, headless, driven through its {@code chromedriver}, for the browser
 * tests of the apps' pages, with a profile of its own that is deleted on close. Where the two are
 * not installed there is no browser, and the tests skip saying how to enable them.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The skip message. */
    public static final String HOW_TO_ENABLE =
            "needs " + CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver enables this test";

    private final Path profile;
    private final WebDriver browser;

    private HeadlessChromium(Path profile, WebDriver browser) {
        this.profile = profile;
        this.browser = browser;
    }

    /**
     * A started browser, or {@code null} where it is not installed. Each test then checks the
     * browser itself: a skip in a {@code @BeforeAll} would hide the reason from the report, and
     * Maven's console shows only a count of skipped tests, so the reason is printed here too.
     */
    public static HeadlessChromium startIfInstalled(Class<?> test) throws IOException {
        return startIfInstalled(test, List.of());
    }

    /** As {@link #startIfInstalled(Class)}, with {@code arguments} added to Chromium's command line. */
    public static HeadlessChromium startIfInstalled(Class<?> test, List<String> arguments) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            System.err.println(test.getSimpleName() + " skipped: " + HOW_TO_ENABLE);
            return null;
        }
        Path profile = Files.createTempDirectory("wskit-chromium-");
        ChromeOptions options = new ChromeOptions();
        // Both paths given, so Selenium Manager is never asked to find (or download) anything.
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile);
        options.addArguments(arguments);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(profile, new ChromeDriver(driver, options));
    }

    public WebDriver browser() {
        return browser;
    }

    /**
     * One browser for a test class, as a {@code @RegisterExtension} field: started before its
     * tests, handed to {@code browser} ({@code null} where it is not installed), quit after them.
     */
    public static Extension perTestClass(Consumer<WebDriver> browser) {
        return new Extension(browser, List.of());
    }

    /** As {@link #perTestClass(Consumer)}, with {@code arguments} added to Chromium's command line. */
    public static Extension perTestClass(Consumer<WebDriver> browser, String... arguments) {
        return new Extension(browser, List.of(arguments));
    }

    /** See {@link #perTestClass}. */
    public static final class Extension implements BeforeAllCallback, AfterAllCallback {
        private final Consumer<WebDriver> browser;
        private final List<String> arguments;
        private HeadlessChromium chromium;

        private Extension(Consumer<WebDriver> browser, List<String> arguments) {
            this.browser = browser;
            this.arguments = arguments;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws IOException {
            chromium = startIfInstalled(context.getRequiredTestClass(), arguments);
            browser.accept(chromium == null ? null : chromium.browser());
        }

        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            if (chromium != null) {
                chromium.close();
            }
        }
    }

    /** Quits the browser and deletes its profile. */
    @Override
    public void close() throws IOException {
        browser.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
