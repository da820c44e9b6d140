package io.gatehouse.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless at 1280x800, driven by its own chromedriver (never one downloaded by Selenium
 * Manager), with helpers that find fields by their visible label and buttons by their visible text, as a person
 * would.
 */
final class DashboardBrowser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final ChromeDriver driver;

    DashboardBrowser() {
        // The driver path by property rather than through ChromeDriverService.Builder, whose class file carries an
        // annotation that is not on the class path (a javac warning, which the build turns into an error).
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--window-size=1280,800", "--lang=en-US");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        this.driver = new ChromeDriver(options);
        fitViewport(1280, 800);
    }

    /** Sizes the window so that the page itself, not the window around it, is width x height. */
    private void fitViewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        JavascriptExecutor js = driver;
        int innerWidth = ((Number) js.executeScript("return window.innerWidth")).intValue();
        int innerHeight = ((Number) js.executeScript("return window.innerHeight")).intValue();
        driver.manage().window().setSize(new Dimension(2 * width - innerWidth, 2 * height - innerHeight));
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** The form control that the visible label with exactly this text names. */
    WebElement field(String label) {
        WebElement labelElement = await(d -> displayed(By.xpath("//label[normalize-space()='" + label + "']")));
        return driver.findElement(By.id(labelElement.getDomAttribute("for")));
    }

    /** The visible button with exactly this text (or accessible name), preferring one in the open dialog. */
    WebElement button(String name) {
        String match = "[normalize-space()='" + name + "' or @aria-label='" + name + "']";
        return await(d -> {
            WebElement inDialog = displayed(By.xpath("//dialog[@open]//button" + match));
            return inDialog != null ? inDialog : displayed(By.xpath("//button" + match));
        });
    }

    void click(String buttonName) {
        button(buttonName).click();
    }

    void type(String label, String text) {
        WebElement field = field(label);
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a textarea's value at once; typing a long PEM key by key is slow and tests nothing more. */
    void paste(String label, String text) {
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                field(label), text);
    }

    WebElement openDialog() {
        return await(d -> displayed(By.cssSelector("dialog[open]")));
    }

    /** Waits until the chosen vault's credentials, routes and certificates are loaded and shown. */
    void awaitVaultLoaded() {
        await(d -> "false".equals(d.findElement(By.id("workspace")).getDomAttribute("aria-busy")));
    }

    void awaitNoOpenDialog() {
        await(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
    }

    /** Waits until the element with this id shows text, and answers it. */
    String textOf(String id) {
        return await(d -> {
            String text = d.findElement(By.id(id)).getText();
            return text.isBlank() ? null : text;
        });
    }

    WebElement awaitText(By within, String text) {
        return await(d -> {
            for (WebElement element : d.findElements(within)) {
                if (element.getText().contains(text)) {
                    return element;
                }
            }
            return null;
        });
    }

    List<WebElement> rows(String tableId) {
        return driver.findElements(By.cssSelector("#" + tableId + " tbody tr"));
    }

    <T> T await(ExpectedCondition<T> condition) {
        // Tables are rebuilt whenever the vault's data is reloaded, so an element found a moment ago may be gone.
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** The messages the page wrote to the browser console since the last call. */
    List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    /** Saves what the page shows, the mouse pointer moved to a corner first so that no row shows its hover. */
    Path screenshot(Path directory, String name) {
        new Actions(driver).moveToLocation(2, 798).perform();
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebElement displayed(By by) {
        for (WebElement element : driver.findElements(by)) {
            if (element.isDisplayed()) {
                return element;
            }
        }
        return null;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
