package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WgsimCommandTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        return WgsimCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void checkAcceptsTheExamples() {
        assertEquals(0, run("check", "examples/cryptokey-routing.yaml"), err.toString());
        assertTrue(out.toString().contains("ok (5 nodes, 4 with WireGuard, 5 links"), out.toString());
    }

    @Test
    void checkAndRunPrintWarningsOnStderrAndStillSucceed() {
        assertEquals(0, run("check", "examples/road-warrior.yaml"), err.toString());
        assertEquals("examples/road-warrior-laptop.conf:8: warning: [Interface] DNS: ignored: wgsim has no resolver to configure\n"
                + "examples/road-warrior-laptop.conf:9: warning: [Interface] PostUp: ignored: wgsim runs no shell hooks\n",
                err.toString().replace("\r\n", "\n"));
        assertTrue(out.toString().contains("ok (5 nodes, 3 with WireGuard"), out.toString());
        err.getBuffer().setLength(0);
        assertEquals(0, run("run", "examples/road-warrior.yaml", "--no-results", "--set", "scenario.duration=20s",
                "--set", "expect=[]"), err.toString());
        assertTrue(err.toString().startsWith("wgsim run: parsing examples/road-warrior.yaml\nexamples/road-warrior-laptop.conf:8: warning: [Interface] DNS"), err.toString());
    }

    @Test
    void badInputPrintsFileLineColumnFieldReasonFixAndExits2() {
        assertEquals(2, run("check", "src/test/resources/broken/unknown-key.yaml"));
        assertEquals("src/test/resources/broken/unknown-key.yaml:10:7: nodes[0].wireguard.listen_prot: "
                + "unknown key 'listen_prot' in wireguard. Did you mean 'listen_port'?", err.toString().trim());
    }

    @Test
    void badOverrideAndUnknownOptionExit2() {
        assertEquals(2, run("check", "examples/cryptokey-routing.yaml", "--set", "links[0].loss=7"));
        assertTrue(err.toString().startsWith("--set links[0].loss=7: links[0].loss: probability 7 is outside [0, 1]."), err.toString());
        assertEquals(2, run("run", "--frobnicate", "examples/cryptokey-routing.yaml"));
        assertEquals(2, run("check", "no/such/file.yaml"));
    }

    @Test
    void runExitsZeroWhenExpectationsHoldAndOneWhenTheyFail(@TempDir Path dir) throws Exception {
        assertEquals(0, run("run", "examples/cryptokey-routing.yaml", "-o", dir.toString(), "--set", "scenario.duration=62s",
                "--set", "expect[2].within=[60s, 62s]", "--set", "expect[3].at=61s"), err.toString());
        assertTrue(out.toString().contains("PASS wg.endpoint.changed node=home peer=phone"), out.toString());
        assertTrue(Files.isRegularFile(dir.resolve("cryptokey-routing/summary.json")));
        assertTrue(Files.isRegularFile(dir.resolve("cryptokey-routing/report.html")), "reports rendered the run");
        assertTrue(Files.isRegularFile(dir.resolve("cryptokey-routing/charts/throughput.png")));
        Files.delete(dir.resolve("cryptokey-routing/report.html"));
        assertEquals(0, run("report", dir.resolve("cryptokey-routing").toString()), err.toString());
        assertTrue(Files.isRegularFile(dir.resolve("cryptokey-routing/report.html")), "re-rendered without re-running");
        assertEquals(2, run("report", dir.toString()), "not a results folder");
        // The phone's old address can no longer be its endpoint after the roam: the expectation must fail.
        assertEquals(1, run("run", "examples/cryptokey-routing.yaml", "--no-results", "--set", "scenario.duration=62s",
                "--set", "expect[2].within=[60s, 62s]", "--set", "expect[3].at=61s",
                "--set", "expect[3].endpoint=192.0.2.20:51820"), err.toString());
        assertTrue(out.toString().contains("FAIL at 1m1s: home's endpoint for phone is 192.0.2.20:51820 (expected at 61.000000s home's"
                + " endpoint for phone to be 192.0.2.20:51820; it was 203.0.113.77:51820 (since 60.042668s))"),
                out.toString());
    }

    @Test
    void showPrintsWgShowOfEveryNodeAtATime() {
        assertEquals(0, run("show", "examples/cryptokey-routing.yaml", "--at", "30s"), err.toString());
        String s = out.toString();
        assertTrue(s.contains("# home at t=30s"));
        assertTrue(s.contains("interface: wg0"));
        assertTrue(s.contains("endpoint: 192.0.2.20:51820"), "before the roam home knows the phone's Wi-Fi address");
        assertTrue(s.contains("allowed ips: 10.0.0.4/32, 192.168.50.0/24"));
    }
}
