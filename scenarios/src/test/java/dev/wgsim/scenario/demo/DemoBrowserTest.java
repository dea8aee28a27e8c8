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
                .startsWith("10.0.0.3/32 is already phone's; the demo refuses the same prefix on two peers"));
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

    @Test
    void theInspectorDecodesWg0sHandshakeInitiationFromTheWireBytes() {
        List<byte[]> wire = captureAtHome();
        click("laptop", "send");
        waitFor("the initiation line", d -> !d.findElements(By.cssSelector("#log li.k-initiation.has-packet")).isEmpty());
        WebElement line = page.findElement(By.cssSelector("#log li.k-initiation.has-packet"));
        int index = Integer.parseInt(line.getAttribute("data-packet"));
        line.click();
        waitFor("the inspector", d -> ("" + index).equals(d.findElement(By.id("inspector")).getAttribute("data-packet")));
        assertEquals("initiation", page.findElement(By.id("inspector")).getAttribute("data-type"));
        byte[] d = dev.wgsim.engine.net.IpPacket.decode(wire.get(index)).packet().payload();
        assertEquals(148, d.length, "message 1 is 148 bytes (whitepaper 5.4.2)");
        java.util.HexFormat hex = java.util.HexFormat.of();
        assertEquals(spaced(hex.formatHex(d, 4, 8)), fieldCell("sender index", "bytes"));
        assertEquals(spaced(hex.formatHex(d, 8, 40)), fieldCell("unencrypted ephemeral", "bytes"));
        assertEquals(spaced(hex.formatHex(d, 40, 88)), fieldCell("encrypted static", "bytes"));
        assertEquals(spaced(hex.formatHex(d, 88, 116)), fieldCell("encrypted timestamp", "bytes"));
        assertEquals(spaced(hex.formatHex(d, 116, 132)), fieldCell("mac1", "bytes"));
        assertTrue(fieldCell("encrypted static", "plain").contains(session.device().publicKey().toBase64()),
                "the static opens to wg0's own public key");
        assertEquals("valid", fieldCell("mac1", "value"));
        for (String step : List.of("es = DH(Eᵢ, Sᵣ)", "ss = DH(Sᵢ, Sᵣ)", "ee = DH(Eᵣ, Eᵢ)", "se = DH(Eᵣ, Sᵢ)", "C, τ, k = KDF₃(C, Q)")) {
            assertEquals(1, page.findElements(By.cssSelector("#inspector li[data-step='" + step + "']")).size(), step);
        }
    }

    @Test
    void theInspectorDecryptsATransportPacketToTheInnerPacketThatWasSent() {
        List<byte[]> wire = captureAtHome();
        click("laptop", "send");
        waitFor("the packet chips", d -> d.findElements(By.cssSelector("#packet-list button.chip")).size() >= 3);
        // The delivery line points at the data packet that carried it.
        waitFor("the delivery line", d -> !d.findElements(By.cssSelector("#log li.k-delivered.has-packet")).isEmpty());
        WebElement line = page.findElement(By.cssSelector("#log li.k-delivered.has-packet"));
        int index = Integer.parseInt(line.getAttribute("data-packet"));
        page.findElement(By.cssSelector("#packet-list button.chip[data-packet='" + index + "']")).click();
        waitFor("the inspector", d -> ("" + index).equals(d.findElement(By.id("inspector")).getAttribute("data-packet")));
        assertEquals("transport", page.findElement(By.id("inspector")).getAttribute("data-type"));
        byte[] d = dev.wgsim.engine.net.IpPacket.decode(wire.get(index)).packet().payload();
        java.util.HexFormat hex = java.util.HexFormat.of();
        assertEquals(spaced(hex.formatHex(d, 4, 8)), fieldCell("receiver index", "bytes"));
        assertEquals(spaced(hex.formatHex(d, 8, 16)), fieldCell("counter", "bytes"));
        assertEquals(spaced(hex.formatHex(d, 16, d.length - 16)), fieldCell("encrypted packet", "bytes"));
        assertEquals("hello laptop #1 from wg0", page.findElement(By.cssSelector("#inspector .inner-payload")).getText());
        assertTrue(page.findElement(By.cssSelector("#inspector .inner")).getText().contains("IP 10.0.0.1 → 10.0.0.2"));
    }

    @Test
    void roamThenThePhonesKeepaliveMovesTheEndpointLiveAndAForgeryDoesNot() {
        click("phone", "recv");
        waitFor("the phone's endpoint", d -> cellText("phone", "endpoint").startsWith("192.0.2.20:51820"));
        click("phone", "roam");
        waitFor("the roam message", d -> d.findElement(By.id("message")).getText().startsWith("Roam: phone moved"));
        assertTrue(cellText("phone", "endpoint").startsWith("192.0.2.20:51820"), "not before an authenticated packet");
        click("phone", "forge");
        waitFor("the forgery dropped", d -> logText().contains("dropped: packet from phone did not authenticate"));
        waitFor("the verdict", d -> d.findElement(By.id("message")).getText().contains("endpoint stays 192.0.2.20:51820"));
        assertTrue(cellText("phone", "endpoint").startsWith("192.0.2.20:51820"), "a forgery does not move it");
        page.findElement(By.id("adv-30")).click();
        waitFor("the endpoint moved by the keepalive", d -> cellText("phone", "endpoint").startsWith("203.0.113.77:51820"));
        assertTrue(cell("phone", "endpoint").getAttribute("class").contains("moved"), "the changed cell is highlighted");
        List<WebElement> endpointLines = page.findElements(By.cssSelector("#log li.k-endpoint.causal.has-packet"));
        assertEquals(2, endpointLines.size(), "learned at the first Recv, changed by the keepalive");
        WebElement causal = endpointLines.get(1);
        assertTrue(causal.getText().contains("phone's endpoint changed: 192.0.2.20:51820 → 203.0.113.77:51820"));
        waitFor("the path drawn from the phone", d -> !d.findElements(By.cssSelector("#topology .path.delivered")).isEmpty());
        causal.click();
        waitFor("the causal packet in the inspector", d -> causal.getAttribute("data-packet")
                .equals(d.findElement(By.id("inspector")).getAttribute("data-packet")));
        // The phone's first packet from LTE authenticates as the phone: with this seed it is a handshake
        // initiation (its data went unanswered for 15 s: wg0's passive keepalive went to Wi-Fi), else a
        // keepalive. Either way the inspector opens it with the phone's keys.
        String type = page.findElement(By.id("inspector")).getAttribute("data-type");
        assertTrue(List.of("initiation", "keepalive", "transport").contains(type), type);
        assertTrue(page.findElement(By.cssSelector("#inspector .summary")).getText().contains("203.0.113.77:51820 → "));
        if (type.equals("initiation")) {
            assertTrue(fieldCell("encrypted static", "plain").contains(row("phone").publicKey()), "opens to the phone's key");
        } else {
            assertTrue(page.findElement(By.cssSelector("#inspector .note")).getText().startsWith("opened with"));
        }
    }

    @Test
    void afterThreeMinutesTheKeyIsStyledRejectedAndAtTwoItIsRekeyDue() {
        click("laptop", "send");
        waitFor("a session key", d -> sessionKey("laptop").length() == 44);
        assertTrue(cell("laptop", "session-key").getAttribute("class").contains("age-ok"));
        page.findElement(By.id("adv-120")).click();
        waitFor("rekey due after 2 minutes", d -> cell("laptop", "session-key").getAttribute("class").contains("age-due"));
        assertTrue(cellText("laptop", "session-key").contains("past 120 s, rekey due"));
        page.findElement(By.id("adv-180")).click();
        waitFor("rejected after 3 more minutes", d -> cell("laptop", "session-key").getAttribute("class").contains("age-rejected"));
        assertTrue(cellText("laptop", "session-key").contains("past 180 s, rejected"));
        cell("laptop", "session-key").findElement(By.tagName("summary")).click();
        waitFor("the slots", d -> !cell("laptop", "session-key").findElements(By.cssSelector(".slot[data-slot='current']")).isEmpty());
    }

    @Test
    void aRekeyCountOfThreeRotatesTheKeyByCountLongBeforeTwoMinutes() {
        WebElement count = page.findElement(By.id("rekey-messages"));
        count.clear();
        count.sendKeys("3");
        page.findElement(By.id("rekey-set")).click();
        waitFor("the control applied", d -> d.findElement(By.id("rekey-now")).getText().equals("now: 3"));
        click("laptop", "send");
        waitFor("a session key", d -> sessionKey("laptop").length() == 44);
        String first = sessionKey("laptop");
        // Past 3 messages wg0 initiates a new handshake; WireGuard spaces initiations by REKEY_TIMEOUT
        // (5 s) and each Send runs the clock 1 s, so the rotation shows within the next 5 Sends.
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 8 && (keys.isEmpty() || keys.get(keys.size() - 1).equals(first)); i++) {
            String clock = page.findElement(By.id("clock")).getText();
            click("laptop", "send");
            waitFor("the send ran", d -> !d.findElement(By.id("clock")).getText().equals(clock));
            keys.add(sessionKey("laptop"));
        }
        assertNotEquals(first, keys.get(keys.size() - 1), "the key rotated by count: " + keys);
        assertTrue(keys.size() >= 3, "not before the count was exceeded: " + keys);
        assertTrue(Double.parseDouble(page.findElement(By.id("clock")).getText().replace(" s", "")) < 120,
                "long before the 120 s rotation by time");
        waitFor("REKEY in the log", d -> logText().contains("REKEY with laptop"));
        assertEquals(DemoSessionTest.session(session, "laptop").sendKeyBase64(), keys.get(keys.size() - 1));
    }

    @Test
    void oneClickShowsTheAllowedIpsDropInWords() {
        page.findElement(By.id("lesson-source")).click();
        waitFor("the drop in words", d -> logText().contains("dropped: source 10.0.0.3 is not in laptop's allowed IPs"));
        waitFor("the verdict", d -> d.findElement(By.id("packet")).getText().contains("✖ dropped"));
        // The dropped packet on the drawing opens in the inspector: it authenticated, and its inner
        // source is the address laptop does not own.
        // (By keyboard: the middle of the path's bounding box, where a mouse click would land, is a node box.)
        WebElement path = page.findElement(By.cssSelector("#topology .path.dropped.clickable"));
        page.executeScript("arguments[0].focus()", path);
        assertEquals(path, page.switchTo().activeElement(), "the path is a tab stop");
        new org.openqa.selenium.interactions.Actions(page).sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        waitFor("the inspector", d -> "transport".equals(d.findElement(By.id("inspector")).getAttribute("data-type")));
        assertTrue(page.findElement(By.cssSelector("#inspector .inner")).getText().contains("IP 10.0.0.3 → 10.0.0.1"));
    }

    @Test
    void aNestedSlash24PeerGetsTheOtherAddressesAndTheSlash32KeepsItsOwn() {
        page.findElement(By.id("lesson-nested")).click();
        waitFor("the lan row", d -> !d.findElements(By.cssSelector("tr[data-peer='lan']")).isEmpty());
        waitFor("the lan send's route", d -> d.findElement(By.id("route")).getText().contains("Which row did 10.0.0.5 match?"));
        assertEquals("lan", page.findElement(By.cssSelector("#route li.chosen")).getAttribute("data-peer"));
        assertEquals("10.0.0.0/24", page.findElement(By.cssSelector("#route li.chosen")).getAttribute("data-prefix"));
        waitFor("delivered to lan", d -> logText().contains("delivered: lan received “hello lan"));
        click("laptop", "send");
        waitFor("the laptop send's route", d -> d.findElement(By.id("route")).getText().contains("Which row did 10.0.0.2 match?"));
        assertEquals("laptop", page.findElement(By.cssSelector("#route li.chosen")).getAttribute("data-prefix").equals("10.0.0.2/32")
                ? "laptop" : "wrong prefix");
        assertEquals("10.0.0.0/24", page.findElement(By.cssSelector("#route li.lost")).getAttribute("data-prefix"),
                "the /24 also contains 10.0.0.2 but is shorter");
        assertTrue(cell("laptop", "allowed").findElement(By.cssSelector("span.match.chosen")).getText().equals("10.0.0.2/32"));
        waitFor("delivered to the laptop", d -> logText().contains("delivered: laptop received “hello laptop"));
    }

    @Test
    void everyPartHasAnExplanationReachableByKeyboard() {
        List<WebElement> helps = page.findElements(By.cssSelector("button.help"));
        assertTrue(helps.size() >= 14, "help buttons: " + helps.size());
        WebElement endpointHelp = page.findElement(By.cssSelector("button.help[data-help='endpoint']"));
        endpointHelp.sendKeys(org.openqa.selenium.Keys.ENTER);
        waitFor("the explanation", d -> d.findElement(By.id("explain-title")).getText().equals("endpoint"));
        assertTrue(page.findElement(By.id("explain-text")).getText().contains("authenticate"));
        page.findElement(By.id("explain-close")).sendKeys(org.openqa.selenium.Keys.ENTER);
        // A log line about a packet is a tab stop: Enter opens it.
        page.findElement(By.cssSelector("tr[data-peer='laptop'] button.send")).sendKeys(org.openqa.selenium.Keys.ENTER);
        waitFor("a packet line", d -> !d.findElements(By.cssSelector("#log li.has-packet")).isEmpty());
        WebElement line = page.findElement(By.cssSelector("#log li.has-packet"));
        assertEquals("0", line.getAttribute("tabindex"));
        line.sendKeys(org.openqa.selenium.Keys.ENTER);
        waitFor("the inspector opened by keyboard", d -> line.getAttribute("data-packet")
                .equals(d.findElement(By.id("inspector")).getAttribute("data-packet")));
    }

    @Test
    void theDownloadedCaptureOpensDecryptedInTshark() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(DemoPcapTsharkTest.TSHARK), "no tshark");
        click("laptop", "send");
        waitFor("delivered", d -> logText().contains("delivered: laptop received"));
        java.nio.file.Path dir = BROWSER.downloads();
        page.findElement(By.id("download-pcap")).click();
        page.findElement(By.id("download-keys")).click();
        java.nio.file.Path pcap = dir.resolve("wgsim-demo.pcap");
        java.nio.file.Path keys = dir.resolve("wgsim-demo.keys");
        waitFor("both files downloaded", d -> java.nio.file.Files.exists(pcap) && java.nio.file.Files.exists(keys)
                && java.nio.file.Files.exists(pcap) && !java.nio.file.Files.exists(dir.resolve("wgsim-demo.pcap.crdownload"))
                && !java.nio.file.Files.exists(dir.resolve("wgsim-demo.keys.crdownload")));
        List<String> lines = DemoPcapTsharkTest.tshark(pcap, keys, "-Y", "wg.type == 4", "-T", "fields", "-e", "data.data");
        assertTrue(lines.stream().anyMatch(l -> new String(java.util.HexFormat.of().parseHex(l.split(",")[0]),
                java.nio.charset.StandardCharsets.UTF_8).equals("hello laptop #1 from wg0")), "tshark decrypted: " + lines);
    }

    @Test
    void theTourWalksEveryPartByKeyboard() {
        page.findElement(By.id("tour")).sendKeys(org.openqa.selenium.Keys.ENTER);
        waitFor("the first step", d -> d.findElement(By.id("tour-step")).getText().equals("tour 1 of 13"));
        assertEquals("the WireGuard interface", page.findElement(By.id("explain-title")).getText());
        assertEquals(1, page.findElements(By.cssSelector(".tour-focus")).size());
        java.util.Set<String> titles = new java.util.LinkedHashSet<>();
        for (int i = 1; i <= 13; i++) {
            int step = i;
            waitFor("step " + i, d -> d.findElement(By.id("tour-step")).getText().equals("tour " + step + " of 13"));
            titles.add(page.findElement(By.id("explain-title")).getText());
            // Next has the focus: Enter moves on.
            page.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
        }
        assertEquals(13, titles.size(), "a different explanation at each step: " + titles);
        waitFor("the tour ended", d -> !d.findElement(By.id("tour-nav")).isDisplayed());
        assertTrue(page.findElements(By.cssSelector(".tour-focus")).isEmpty());
    }

    @Test
    void at1280By720TheWholeTableFitsWithoutScrolling() {
        page.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 720));
        try {
            click("laptop", "send");
            waitFor("a session key", d -> sessionKey("laptop").length() == 44);
            waitFor("the table fits", d -> (Boolean) page.executeScript("const w = document.querySelector('.table-wrap');"
                    + " return w.scrollWidth <= w.clientWidth && document.documentElement.scrollWidth <= window.innerWidth;"));
            assertTrue(page.findElement(By.cssSelector("tr[data-peer='phone'] button.forge")).isDisplayed());
        } finally {
            page.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1100));
        }
    }

    @Test
    void atPhoneWidthNothingScrollsSidewaysAndEveryButtonIsOnScreen() {
        page.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 390, "height", 844,
                "deviceScaleFactor", 1, "mobile", true));
        try {
            page.navigate().refresh();
            waitFor("the table", d -> !d.findElements(By.cssSelector("tr[data-peer='laptop']")).isEmpty());
            assertEquals(390L, page.executeScript("return window.innerWidth"));
            assertTrue((Boolean) page.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"),
                    "the page itself does not overflow a phone screen");
            assertTrue((Boolean) page.executeScript("const w = document.querySelector('.table-wrap');"
                    + " return w.scrollWidth <= w.clientWidth"), "each peer is a card: the table needs no sideways scroll");
            for (WebElement b : page.findElements(By.cssSelector("#peers button"))) {
                Number right = (Number) page.executeScript("return arguments[0].getBoundingClientRect().right", b);
                assertTrue(right.doubleValue() <= 390, b.getText() + " ends at " + right);
            }
            page.findElement(By.id("lesson-source")).click();
            waitFor("the drop in words", d -> logText().contains("dropped: source 10.0.0.3 is not in laptop's allowed IPs"));
            assertTrue((Boolean) page.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"));
            // wg0 answered the laptop's handshake: its response, with the whole key schedule.
            WebElement response = page.findElement(By.cssSelector("#log li.k-session.has-packet"));
            response.sendKeys(org.openqa.selenium.Keys.ENTER);
            waitFor("the inspector", d -> "response".equals(d.findElement(By.id("inspector")).getAttribute("data-type")));
            assertEquals(9, page.findElements(By.cssSelector("#inspector .dh li")).size(), "the key schedule is drawn");
            assertTrue((Boolean) page.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"),
                    "the opened handshake and its key schedule fit a phone screen");
        } finally {
            page.executeCdpCommand("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        }
    }

    // ---- helpers ----

    private List<byte[]> captureAtHome() {
        List<byte[]> wire = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        session.network().host("home").addObserver((now, p) -> wire.add(p.toBytes()));
        return wire;
    }

    private DemoState.Peer row(String name) {
        return DemoSessionTest.row(session.state(), name);
    }

    private static String spaced(String hex) {
        return hex.replaceAll("(..)", "$1 ").trim();
    }

    private String fieldCell(String field, String column) {
        return page.findElement(By.cssSelector("#inspector tr[data-field='" + field + "'] td." + column)).getText();
    }


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
