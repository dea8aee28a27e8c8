package dev.wgsim.scenario.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The tailnet demo (scenarios/examples/tailnet.yaml) in headless Chromium, clicked as a user would. */
class TailnetBrowserTest {
    @RegisterExtension
    static final Browser BROWSER = new Browser();

    DemoServer server;
    ChromeDriver page;

    @BeforeEach
    void openPage() throws Exception {
        server = DemoServer.start(DemoSession.open(Path.of("examples/tailnet.yaml")), 0);
        page = BROWSER.driver();
        page.get(server.uri().toString());
        waitFor("the tailnet grid", d -> !d.findElements(By.cssSelector("#tailnet-grid tr[data-device='server']")).isEmpty());
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        BROWSER.close();
    }

    @Test
    void playFillsServersTableFromTheNetmapAndAnAddedDevicesKeyReachesEveryTable() {
        assertFalse(page.findElement(By.id("tailnet")).getAttribute("hidden") != null, "the tailnet card shows");
        assertEquals("tailscale0", page.findElement(By.id("if-name")).getText());
        assertTrue(page.findElements(By.cssSelector("#peers tbody tr")).isEmpty(), "nobody joined at 0 s");
        page.findElement(By.id("play")).click();
        waitFor("laptop's row with its 100.x address",
                d -> cellText("laptop", "allowed").contains("100.64.0.2/32"));
        page.findElement(By.id("play")).click(); // pause
        assertTrue(page.findElement(By.id("play")).getText().contains("Play"));

        page.findElement(By.cssSelector("#add-device input[name=deviceName]")).sendKeys("tablet");
        new Select(page.findElement(By.cssSelector("#add-device select[name=pingTo]"))).selectByValue("server");
        page.findElement(By.id("add-device-submit")).click();
        waitFor("tablet in the grid", d -> !d.findElements(By.cssSelector("#tailnet-grid tr[data-device='tablet']")).isEmpty());
        page.findElement(By.id("adv-10")).click();
        waitFor("tablet's key in every other table", d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#tailnet-grid tbody tr[data-device]"));
            long holding = rows.stream().filter(r -> !r.getAttribute("data-device").equals("tablet"))
                    .filter(r -> !r.findElement(By.cssSelector("td[data-to='tablet']")).getAttribute("data-path").isEmpty())
                    .count();
            return rows.size() == 24 && holding == 23;
        });
        // 23 devices in the file hold 100.64.0.1-.23; tablet gets the next.
        waitFor("server's table has tablet at 100.64.0.24", d -> cellText("tablet", "allowed").contains("100.64.0.24/32"));
        // Both have public addresses: tablet's pings go by DERP first, then direct once a disco pong returns.
        waitFor("the path cell is direct", d -> cellText("tablet", "path").startsWith("direct "));
        assertTrue(logText().contains("path tablet → server: relayed → direct"), logText());
        assertTrue(logText().contains("path tablet → server: none → DERP nyc"), "DERP first");
    }

    @Test
    void pickingADeviceShowsItsTableWithDirectAndRelayedPaths() {
        page.findElement(By.id("adv-30")).click();
        waitFor("the clock at 30 s", d -> d.findElement(By.id("clock")).getText().startsWith("30."));
        page.findElement(By.cssSelector("button.pick[data-device='easy-easy-a']")).click();
        waitFor("easy-easy-a's table", d -> d.findElement(By.id("if-node")).getText().equals("easy-easy-a"));
        assertTrue(cellText("easy-easy-b", "path").startsWith("direct "), "two easy NATs punch through");
        page.findElement(By.cssSelector("button.pick[data-device='hard-hard-a']")).click();
        waitFor("hard-hard-a's table", d -> d.findElement(By.id("if-node")).getText().equals("hard-hard-a"));
        assertEquals("DERP nyc", cellText("hard-hard-b", "path"), "two hard NATs stay on the relay");
        WebElement cell = page.findElement(By.cssSelector("#tailnet-grid td[data-from='hard-hard-a'][data-to='hard-hard-b']"));
        assertEquals("relayed", cell.getAttribute("data-path"));
        assertEquals("nyc", cell.getText());
        WebElement easy = page.findElement(By.cssSelector("#tailnet-grid td[data-from='easy-easy-a'][data-to='easy-easy-b']"));
        assertEquals("D", easy.getText());
    }

    @Test
    void reauthenticateSwapsTheServersKeyInLaptopsTable() {
        page.findElement(By.id("adv-10")).click();
        waitFor("server's table", d -> !d.findElement(By.id("if-key")).getText().isEmpty()
                && !cellText("laptop", "pub").isEmpty());
        String old = page.findElement(By.id("if-key")).getText();
        page.findElement(By.id("reauth")).click();
        waitFor("the new key", d -> !d.findElement(By.id("if-key")).getText().equals(old));
        String fresh = page.findElement(By.id("if-key")).getText();
        assertTrue(page.findElement(By.id("message")).getText().startsWith("server re-authenticated"));
        page.findElement(By.id("adv-10")).click();
        waitFor("the clock past 20 s", d -> d.findElement(By.id("clock")).getText().startsWith("20."));
        page.findElement(By.cssSelector("button.pick[data-device='laptop']")).click();
        waitFor("laptop's table", d -> d.findElement(By.id("if-node")).getText().equals("laptop"));
        assertEquals(fresh, page.findElement(By.cssSelector("tr[data-peer='server'] td.pub")).getAttribute("title"),
                "laptop's row for server holds the new key");
        assertTrue(logText().contains("(re-authenticated)"));
    }

    // ---- helpers ----

    private String cellText(String peer, String cls) {
        List<WebElement> cells = page.findElements(By.cssSelector("tr[data-peer='" + peer + "'] td." + cls));
        return cells.isEmpty() ? "" : cells.get(0).getText();
    }

    private String logText() {
        return page.findElement(By.id("log")).getText();
    }

    private void waitFor(String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(page, Duration.ofSeconds(30)).withMessage(what)
                .ignoring(StaleElementReferenceException.class).until(condition);
    }
}
