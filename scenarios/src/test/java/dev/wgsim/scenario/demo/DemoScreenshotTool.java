package dev.wgsim.scenario.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Regenerates README's pictures of the demo in headless Chromium after a few clicks (handshakes
 * both ways, a nested /24 peer, a roam noticed live, a forgery, an opened packet):
 * docs/demo.png (1280x720, the table and log), docs/demo-inspector.png (1280x720, a handshake
 * initiation opened), docs/demo-handshake.png (its Noise_IKpsk2 key schedule),
 * docs/demo-lessons.png (which row a destination matched), docs/demo-phone.png (a 390-pixel-wide phone
 * screen) and docs/demo-tailnet.png (scenarios/examples/tailnet.yaml after 30 s and an added device). Not part of the suite (the name does not end in Test); run it from the repository root with
 * <pre>
 * mvn -B -q -pl scenarios -am test -Dtest=DemoScreenshotTool -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * ({@code -Dwgsim.demo.screenshots=DIR} writes elsewhere).
 */
class DemoScreenshotTool {

    @Test
    void writeReadmeScreenshots() throws Exception {
        Path dir = Path.of(System.getProperty("wgsim.demo.screenshots", "../docs"));
        Files.createDirectories(dir);
        DemoSession session = DemoSession.open(DemoSessionTest.EXAMPLE);
        try (DemoServer server = DemoServer.start(session, 0)) {
            try (Browser browser = Browser.sized(1280, 720)) {
                ChromeDriver page = browser.driver();
                page.get(server.uri().toString());
                WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(10));
                wait.until(d -> !d.findElements(By.cssSelector("tr[data-peer='laptop']")).isEmpty());
                clickAndWait(page, session, wait, "#lesson-nested", 4);
                wait.until(d -> d.findElement(By.id("route")).getText().contains("10.0.0.5"));
                clickAndWait(page, session, wait, "tr[data-peer='laptop'] button.send", 1);
                page.findElement(By.cssSelector("button.help[data-help='allowedIps']")).click();
                wait.until(d -> d.findElement(By.id("explain-title")).getText().equals("allowed IPs"));
                page.executeScript("window.scrollTo(0, 0); document.querySelector('.table-wrap').scrollLeft = 0;"
                        + "window.scrollBy(0, document.getElementById('peers').getBoundingClientRect().top - 10)");
                shot(page, dir.resolve("demo-lessons.png"));
                page.findElement(By.id("explain-close")).click();
                clickAndWait(page, session, wait, "#lesson-roam", 3);
                page.executeScript("window.scrollTo(0, 0); document.querySelector('.table-wrap').scrollLeft = 0");
                shot(page, dir.resolve("demo.png"));

                page.findElement(By.cssSelector("#log li.k-initiation.has-packet")).click();
                wait.until(d -> d.findElement(By.id("inspector")).getAttribute("data-type") != null);
                page.executeScript("document.getElementById('inspector').scrollIntoView({block: 'start'})");
                shot(page, dir.resolve("demo-inspector.png"));
                page.executeScript("document.querySelector('#inspector .dh').scrollIntoView({block: 'start'})");
                shot(page, dir.resolve("demo-handshake.png"));
            }
            try (Browser phone = Browser.sized(500, 844)) {
                ChromeDriver page = phone.driver();
                // Chromium keeps windows at least 500 px wide: emulate the phone's 390 px viewport instead.
                page.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 390, "height", 844,
                        "deviceScaleFactor", 1, "mobile", true));
                page.get(server.uri().toString());
                WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(10));
                wait.until(d -> !d.findElements(By.cssSelector("tr[data-peer='laptop']")).isEmpty());
                page.executeScript("document.querySelector('.table-wrap').scrollIntoView({block: 'start'})");
                shot(page, dir.resolve("demo-phone.png"));
                if (Boolean.getBoolean("wgsim.demo.screenshots.all")) {
                    // Not in README: the inspector at phone width, for looking at by eye.
                    page.findElement(By.cssSelector("tr[data-peer='laptop'] button.send")).click();
                    wait.until(d -> !d.findElements(By.cssSelector("#log li.k-initiation.has-packet")).isEmpty());
                    page.findElement(By.cssSelector("#log li.k-initiation.has-packet")).click();
                    wait.until(d -> d.findElement(By.id("inspector")).getAttribute("data-type") != null);
                    shot(page, dir.resolve("demo-phone-inspector.png"));
                }
            }
        }
    }

    @Test
    void writeTailnetScreenshot() throws Exception {
        Path dir = Path.of(System.getProperty("wgsim.demo.screenshots", "../docs"));
        Files.createDirectories(dir);
        DemoSession session = DemoSession.open(Path.of("examples/tailnet.yaml"));
        session.advance(30_000_000_000L);
        session.addDevice("tablet", "", "server");
        session.advance(10_000_000_000L);
        try (DemoServer server = DemoServer.start(session, 0); Browser browser = Browser.sized(1280, 1000)) {
            ChromeDriver page = browser.driver();
            page.get(server.uri().toString());
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(10));
            wait.until(d -> !d.findElements(By.cssSelector("tr[data-peer='tablet']")).isEmpty());
            page.executeScript("document.getElementById('tailnet').scrollIntoView({block: 'start'})");
            shot(page, dir.resolve("demo-tailnet.png"));
        }
    }

    /** Clicks and waits until the log grew by at least {@code lines} entries and the page drew them. */
    private static void clickAndWait(ChromeDriver page, DemoSession session, WebDriverWait wait, String css, int lines) {
        int before = session.log().entries().size();
        // The table is redrawn on every state: a row's button may go stale between finding and clicking.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
        wait.until(d -> session.log().entries().size() >= before + lines
                && d.findElements(By.cssSelector("#log li")).size() >= Math.min(session.log().entries().size(), before + lines));
    }

    private static void shot(ChromeDriver page, Path target) throws Exception {
        Files.copy(page.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("wrote " + target.toAbsolutePath().normalize());
    }
}
