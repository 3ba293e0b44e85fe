package io.wharf.e2e;

import io.wharf.registry.clients.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (never a downloaded one), with a fresh
 * profile. A missing chromium or chromedriver fails the test when {@code CI=true} and skips it elsewhere, like
 * every external tool of the client tests. Screenshots go to {@code wharf.e2e.screenshots} (the build folder's
 * {@code screenshots}), whole pages, at a desktop width.
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;
    /** Tall enough for every page of the journey, small enough for a reviewable image. */
    private static final int MAX_SCREENSHOT_HEIGHT = 4000;
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration SUBMIT_WAIT = Duration.ofSeconds(60);

    private final Path profile;
    private final ChromeDriver driver;
    private final Path screenshots;
    private final String baseUrl;

    private Browser(String baseUrl) {
        for (Path tool : new Path[] {CHROMEDRIVER, CHROMIUM}) {
            if (!Files.isExecutable(tool)) {
                ExternalTool.unavailable(tool + " is missing: the browser tests need the Debian packages chromium and"
                        + " chromium-driver");
            }
        }
        this.baseUrl = baseUrl;
        try {
            this.profile = Files.createTempDirectory("wharf-chromium-");
            this.screenshots = Path.of(System.getProperty("wharf.e2e.screenshots", "target/screenshots"));
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    static Browser open(String baseUrl) {
        return new Browser(baseUrl);
    }

    void go(String path) {
        driver.get(path.startsWith("http") ? path : baseUrl + path);
    }

    WebDriver driver() {
        return driver;
    }

    WebElement find(String cssSelector) {
        return until(driver -> driver.findElement(By.cssSelector(cssSelector)));
    }

    /** Types into a field after clearing it. */
    void type(String cssSelector, String text) {
        WebElement field = find(cssSelector);
        field.clear();
        field.sendKeys(text);
    }

    void click(String cssSelector) {
        find(cssSelector).click();
    }

    /**
     * Clicks a button that submits a form (or a link) and waits until the next page replaced this one: up to a
     * minute, as long as the index may take to delete a repository in the registry.
     */
    void submit(String cssSelector) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(cssSelector).click();
        new WebDriverWait(driver, SUBMIT_WAIT).until(driver -> replaced(page));
        new WebDriverWait(driver, SUBMIT_WAIT).until(driver -> "complete".equals(script("return document.readyState")));
    }

    /**
     * Whether the element's page is gone. While the next page replaces it, Chrome may answer "Node with given id does
     * not belong to the document" instead of a stale element reference: both mean the same.
     */
    private static boolean replaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    String text(String cssSelector) {
        return find(cssSelector).getText();
    }

    boolean has(String cssSelector) {
        return !driver.findElements(By.cssSelector(cssSelector)).isEmpty();
    }

    Object script(String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    /** Waits (at most 15 s) until the condition yields something other than null or false. */
    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /** Saves the whole page as {@code NN-name.png}. */
    Path screenshot(String name) {
        return screenshot(name, WIDTH);
    }

    /** Saves the whole page as {@code NN-name.png}, laid out for a window this wide (a phone: 390). */
    Path screenshot(String name, int width) {
        // Laid out at the width first; the window's height includes the browser's own bars, added to the page's.
        driver.manage().window().setSize(new Dimension(width, HEIGHT));
        Number page = (Number) script("return document.documentElement.scrollHeight");
        Number bars = (Number) script("return window.outerHeight - window.innerHeight");
        driver.manage().window().setSize(new Dimension(width,
                Math.min(MAX_SCREENSHOT_HEIGHT, Math.max(HEIGHT, page.intValue() + bars.intValue()))));
        try {
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        }
    }

    @Override
    public void close() {
        driver.quit();
        Folders.deleteRecursively(profile);
    }
}
