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
 * Regenerates docs/demo.png, README's picture of the demo, in headless Chromium after a few
 * clicks (handshakes both ways, a roam, a spoof). Not part of the suite (the name does not end in
 * Test); run it from the repository root with
 * <pre>
 * mvn -B -q -pl scenarios -am test -Dtest=DemoScreenshotTool -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * ({@code -Dwgsim.demo.screenshot=FILE} writes elsewhere).
 */
class DemoScreenshotTool {

    @Test
    void writeReadmeScreenshot() throws Exception {
        Path target = Path.of(System.getProperty("wgsim.demo.screenshot", "../docs/demo.png"));
        DemoSession session = DemoSession.open(DemoSessionTest.EXAMPLE);
        try (DemoServer server = DemoServer.start(session, 0); Browser browser = Browser.sized(1400, 1400)) {
            ChromeDriver page = browser.driver();
            page.get(server.uri().toString());
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(10));
            wait.until(d -> !d.findElements(By.cssSelector("tr[data-peer='laptop']")).isEmpty());
            String[][] clicks = {{"laptop", "send"}, {"laptop", "send"}, {"server", "recv"}, {"phone", "roam"},
                    {"phone", "recv"}, {"laptop", "spoof"}, {"laptop", "send"}, {"server", "send"}};
            int n = 0;
            for (String[] c : clicks) {
                long before = session.state().nowNanos();
                page.findElement(By.cssSelector("tr[data-peer='" + c[0] + "'] button." + c[1])).click();
                int step = ++n;
                wait.until(d -> session.log().entries().size() > step && (c[1].equals("roam")
                        || !d.findElement(By.id("clock")).getText().equals(String.format("%.3f s", before / 1e9))));
            }
            wait.until(d -> d.findElement(By.id("packet")).getText().contains("server"));
            Thread.sleep(300); // let the last log lines and the row flash settle
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(page.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("wrote " + target.toAbsolutePath().normalize());
        }
    }
}
