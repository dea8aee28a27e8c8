package dev.wgsim.scenario.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page in a real (headless) Chromium, clicked as a user would, against a live demo server. */
class DemoBrowserTest {
    @RegisterExtension
    static final Browser BROWSER = new Browser();

    DemoSession session;
    DemoServer server;
    ChromeDriver page;

    @BeforeEach
    void openPage() throws Exception {
        session = DemoSession.open(DemoSessionTest.EXAMPLE);
        server = DemoServer.start(session, 0);
        page = BROWSER.driver();
        page.get(server.uri().toString());
        waitFor("the table to be drawn", d -> !d.findElements(By.cssSelector("tr[data-peer='laptop']")).isEmpty());
        waitFor("the log stream to start", d -> logText().contains("Scenario cryptokey-routing loaded"));
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
    void sendShowsTheHandshakeAndTheRealSessionKey() {
        assertEquals("", sessionKey("laptop"), "no key before the first handshake");
        click("laptop", "send");
        waitFor("⚡ HANDSHAKE in the log", d -> logText().contains("⚡ HANDSHAKE with laptop complete"));
        waitFor("a session key", d -> sessionKey("laptop").length() == 44);
        String shown = sessionKey("laptop");
        assertEquals(DemoSessionTest.session(session, "laptop").sendKeyBase64(), shown);
        WebElement key = cell("laptop", "session-key").findElement(By.tagName("span"));
        assertEquals(shown, key.getAttribute("title"), "the full key on hover");
        assertEquals(shown.substring(0, 8) + "…", key.getText());
        assertTrue(page.findElement(By.id("if-key")).getText().equals(session.device().publicKey().toBase64()));
    }

    @Test
    void twoMoreSendsRaiseTheNonceByTwo() {
        click("laptop", "send");
        waitFor("a nonce", d -> !cellText("laptop", "nonce").isEmpty());
        long first = Long.parseLong(cellText("laptop", "nonce"));
        click("laptop", "send");
        waitFor("nonce + 1", d -> cellText("laptop", "nonce").equals(String.valueOf(first + 1)));
        click("laptop", "send");
        waitFor("nonce + 2", d -> cellText("laptop", "nonce").equals(String.valueOf(first + 2)));
        assertEquals(String.valueOf(DemoSessionTest.session(session, "laptop").sendCounter()), cellText("laptop", "nonce"));
    }

    @Test
    void roamThenRecvChangesTheEndpoint() {
        assertEquals("203.0.113.10:51820", cellText("laptop", "endpoint"));
        click("laptop", "roam");
        waitFor("the roam message", d -> d.findElement(By.id("message")).getText().startsWith("Roam: laptop moved"));
        assertEquals("203.0.113.10:51820", cellText("laptop", "endpoint"), "not before an authenticated packet");
        click("laptop", "recv");
        waitFor("the new endpoint", d -> cellText("laptop", "endpoint").equals("198.18.0.1:51820"));
        assertTrue(logText().contains("laptop's endpoint changed: 203.0.113.10:51820 → 198.18.0.1:51820"));
    }

    @Test
    void addedPeerWithoutAMatchingAllowedIpIsDroppedOnRecv() {
        fill("name", "tablet");
        fill("allowedIps", "10.0.0.50/32");
        fill("endpoint", "203.0.113.50:51820");
        fill("tunnelAddress", "10.0.0.5");
        page.findElement(By.id("add-peer-submit")).click();
        waitFor("the tablet row", d -> !d.findElements(By.cssSelector("tr[data-peer='tablet']")).isEmpty());
        assertEquals("203.0.113.50:51820", cellText("tablet", "endpoint"));
        click("tablet", "recv");
        waitFor("the drop in plain words", d -> logText().contains("dropped: source 10.0.0.5 is not in tablet's allowed IPs"));
        waitFor("the topology marks the drop", d -> !d.findElements(By.cssSelector("#topology .path.dropped")).isEmpty());
    }

    @Test
    void invalidAddPeerInputIsExplainedInTheFormAndChangesNothing() {
        fill("publicKey", "this is not a key");
        fill("allowedIps", "10.0.0.60/32");
        page.findElement(By.id("add-peer-submit")).click();
        waitFor("the form error", d -> d.findElement(By.id("form-error")).getText().contains("is not valid base64"));
        assertTrue(page.findElement(By.name("publicKey")).getAttribute("class").contains("invalid"));
        page.findElement(By.name("publicKey")).clear();
        page.findElement(By.name("allowedIps")).clear();
        fill("allowedIps", "10.0.0.3/32");
        page.findElement(By.id("add-peer-submit")).click();
        waitFor("the ownership error", d -> d.findElement(By.id("form-error")).getText()
                .equals("10.0.0.3/32 is already owned by phone; each address may route to one peer only"));
        assertEquals(3, page.findElements(By.cssSelector("#peers tbody tr")).size());
        assertEquals(3, session.state().peers().size());
    }

    @Test
    void pastTwoMinutesOfTrafficTheNextSendRekeysWithANewSessionKey() {
        click("laptop", "send");
        waitFor("a session key", d -> sessionKey("laptop").length() == 44);
        String first = sessionKey("laptop");
        page.findElement(By.id("adv-120")).click();
        waitFor("the clock past 120 s", d -> d.findElement(By.id("clock")).getText().equals("121.000 s"));
        click("laptop", "send");
        waitFor("a new session key", d -> sessionKey("laptop").length() == 44 && !sessionKey("laptop").equals(first));
        String second = sessionKey("laptop");
        assertNotEquals(first, second);
        assertEquals(DemoSessionTest.session(session, "laptop").sendKeyBase64(), second);
        waitFor("REKEY in the log", d -> logText().contains("REKEY with laptop: new session key " + second.substring(0, 8)));
    }

    @Test
    void spoofedInnerSourceIsDroppedAtWg0() {
        click("laptop", "spoof");
        waitFor("the drop in plain words", d -> logText().contains("dropped: source 10.0.0.3 is not in laptop's allowed IPs"));
        waitFor("the verdict under the picture", d -> d.findElement(By.id("packet")).getText().contains("✖ dropped"));
        assertEquals(1, page.findElements(By.cssSelector("#topology .path.dropped")).size());
    }

    @Test
    void resetRestoresTheScenario() {
        click("laptop", "send");
        waitFor("a session key", d -> sessionKey("laptop").length() == 44);
        page.findElement(By.id("reset")).click();
        waitFor("the clock at 0", d -> d.findElement(By.id("clock")).getText().equals("0.000 s"));
        assertEquals("", sessionKey("laptop"));
        waitFor("an emptied log", d -> !logText().contains("HANDSHAKE"));
    }

    // ---- helpers ----

    private void waitFor(String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(page, Duration.ofSeconds(10)).withMessage(what).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    private void click(String peer, String action) {
        page.findElement(By.cssSelector("tr[data-peer='" + peer + "'] button." + action)).click();
    }

    private WebElement cell(String peer, String column) {
        return page.findElement(By.cssSelector("tr[data-peer='" + peer + "'] td." + column));
    }

    private String cellText(String peer, String column) {
        return cell(peer, column).getText();
    }

    private String sessionKey(String peer) {
        String full = cell(peer, "session-key").findElement(By.tagName("span")).getAttribute("data-full");
        return full == null ? "" : full;
    }

    private String logText() {
        List<WebElement> items = page.findElements(By.cssSelector("#log li"));
        StringBuilder sb = new StringBuilder();
        for (WebElement li : items) {
            sb.append(li.getAttribute("textContent")).append('\n');
        }
        return sb.toString();
    }

    private void fill(String field, String value) {
        WebElement input = page.findElement(By.name(field));
        assertFalse(input.getAttribute("name").isEmpty());
        input.sendKeys(value);
    }
}
