package dev.wgsim.scenario.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through Debian's chromedriver, headless, with a fresh profile. Never
 * downloads anything: the driver path is given, so Selenium Manager is not consulted. When either
 * binary is missing this fails (the browser tests must not pass by skipping). As a JUnit
 * extension it saves a screenshot of a failing test into target/browser-failures/.
 */
final class Browser implements AfterTestExecutionCallback, AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private ChromeDriver driver;
    private Path profile;
    private Path downloads;

    ChromeDriver driver() {
        if (driver == null) {
            driver = open(1400, 1100);
        }
        return driver;
    }

    private ChromeDriver open(int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("the browser tests need Debian's chromium and chromium-driver: " + CHROMIUM + " or "
                    + CHROMEDRIVER + " is missing (apt-get install chromium chromium-driver)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        try {
            profile = Files.createTempDirectory("wgsim-chromium-");
        } catch (IOException e) {
            throw new AssertionError("no temp directory for the chromium profile", e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-US");
        try {
            downloads = Files.createDirectories(profile.resolve("downloads"));
        } catch (IOException e) {
            throw new AssertionError("no downloads directory", e);
        }
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriver d = new ChromeDriver(service, options);
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        d.executeCdpCommand("Browser.setDownloadBehavior", java.util.Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
        return d;
    }

    /** An empty directory the browser saves downloads into (emptied on each call). */
    Path downloads() throws IOException {
        driver();
        try (var files = Files.list(downloads)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        return downloads;
    }

    /** A one-off browser of a given window size (the README screenshot). */
    static Browser sized(int width, int height) {
        Browser b = new Browser();
        b.driver = b.open(width, height);
        return b;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        if (context.getExecutionException().isPresent() && driver != null) {
            Path dir = Path.of("target/browser-failures");
            Files.createDirectories(dir);
            Path shot = dir.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName() + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
            System.err.println("screenshot of the failure: " + shot.toAbsolutePath());
        }
    }

    @Override
    public void close() throws IOException {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
