package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wgsim test}: one line per expectation, exit codes 0/1/2, JUnit XML; {@code wgsim run --golden}. */
class TestCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int wgsim(String... args) {
        return WgsimCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void passingFilesExitZeroAndWriteJUnit(@TempDir Path dir) throws Exception {
        Path junit = dir.resolve("junit.xml");
        int code = wgsim("test", "regression/unreachable-peer.yaml", "regression/keys-zeroed.yaml", "--junit", junit.toString());
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("PASS  regression/unreachable-peer.yaml: exactly 20 handshake initiations from phone to server"
                + " - counted 20"), out.toString());
        assertTrue(out.toString().contains("2 scenario files, 11 expectations: 11 passed, 0 failed"), out.toString());
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<testsuite name=\"regression/keys-zeroed.yaml\" tests=\"4\" failures=\"0\""), xml);
        javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Path.of("src/test/resources/junit/junit-jenkins.xsd").toFile()).newValidator()
                .validate(new javax.xml.transform.stream.StreamSource(junit.toFile()));
    }

    @Test
    void parallelRunsGiveTheSameVerdictsAsOneAtATime() {
        assertEquals(0, wgsim("test", "regression", "-j", "1"), out.toString());
        String serial = out.toString();
        out.getBuffer().setLength(0);
        assertEquals(0, wgsim("test", "regression", "-j", "4"), out.toString());
        assertEquals(serial, out.toString(), "runs share nothing: same lines, same order");
    }

    @Test
    void aBrokenTimerExitsOneWithContext() {
        int code = wgsim("test", "regression/unreachable-peer.yaml", "--set", "nodes[phone].wireguard.rekey_timeout=4s");
        assertEquals(1, code, out + "\n" + err);
        assertTrue(out.toString().contains("FAIL  regression/unreachable-peer.yaml: exactly 20 handshake initiations from phone to server"
                + " - expected exactly 20 wg.handshake.initiated node=phone peer=server; counted 24"), out.toString());
        assertTrue(out.toString().contains("        > 1.000000s  wg.handshake.initiated node=phone peer=server retry=false attempt=0"),
                out.toString());
    }

    @Test
    void badInputExitsTwo(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "scenario: {name: x, duration: -1s}\n");
        assertEquals(2, wgsim("test", bad.toString()));
        assertTrue(out.toString().startsWith("ERROR " + bad + ": "), out.toString());
        assertEquals(2, wgsim("test", dir.resolve("missing").toString()));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(2, wgsim("test", empty.toString()));
        assertEquals(2, wgsim("run", "regression/keys-zeroed.yaml", "--no-results", "--update-golden"));
        assertTrue(err.toString().contains("--update-golden needs --golden FILE"), err.toString());
        assertEquals(2, wgsim("run", "regression/keys-zeroed.yaml", "--no-results", "--golden", dir.resolve("none.jsonl").toString()));
        assertTrue(err.toString().contains("no golden trace here. Create it with --golden"), err.toString());
    }

    @Test
    void resultsFolderCarriesJUnitXml(@TempDir Path dir) throws Exception {
        assertEquals(0, wgsim("run", "regression/keys-zeroed.yaml", "-o", dir.toString()), out + "\n" + err);
        String xml = Files.readString(dir.resolve("keys-zeroed/junit.xml"));
        // the file name alone: a results folder does not depend on where the scenario was (re-runs from inputs/ match)
        assertTrue(xml.contains("<testsuite name=\"keys-zeroed.yaml\" tests=\"4\" failures=\"0\" errors=\"0\""
                + " skipped=\"0\" time=\"0.000\">"), xml);
    }

    @Test
    void goldenTraceCompareAndUpdate(@TempDir Path dir) throws Exception {
        Path g = dir.resolve("g.jsonl");
        assertEquals(0, wgsim("run", "regression/unreachable-peer.yaml", "--no-results", "--golden", g.toString(), "--update-golden"),
                out + "\n" + err);
        assertTrue(out.toString().contains("written (22 protocol events)"), out.toString());
        assertEquals(0, wgsim("run", "regression/unreachable-peer.yaml", "--no-results", "--golden", g.toString()));
        assertTrue(out.toString().contains("matches (22 protocol events)"), out.toString());
        assertEquals(1, wgsim("run", "regression/unreachable-peer.yaml", "--no-results", "--golden", g.toString(),
                "--set", "scenario.seed=8"));
        assertTrue(out.toString().contains("DIFFERS\nprotocol event #2 differs from the golden trace"), out.toString());
        // The run records its golden lines as it goes; they equal the stored trace (made from a
        // whole in-memory event list) byte for byte.
        assertEquals(0, wgsim("run", "regression/unreachable-peer.yaml", "--no-results", "--golden",
                "regression/golden/unreachable-peer.jsonl"), out + "\n" + err);
        assertEquals(java.nio.file.Files.readString(Path.of("regression/golden/unreachable-peer.jsonl")),
                java.nio.file.Files.readString(g), "the same lines as the stored golden trace");
    }
}
