package dev.wgsim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.run.RunResult;
import dev.wgsim.scenario.run.Runner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The printed summary of a run with 1,001 template flows: one line for the group, none per flow. */
class SummaryPrinterTest {
    @Test
    void aGroupIsOneLine() throws IOException {
        var s = ScenarioParser.parse("g.yaml", """
                scenario: {name: g, duration: 3s}
                nodes: [{name: a, address: 192.0.2.1}, {name: b, address: 192.0.2.2}]
                links: [{name: ab, a: a, b: b, delay: 10ms}]
                traffic: [{name: 'p-{i}', count: 1001, type: ping, from: a, to: b, interval: 1s}]
                """, Path.of("."), ScenarioParser.Options.NONE);
        RunResult r = Runner.run(s, null, t -> { }, Runner.ReportRenderer.NONE);
        StringWriter text = new StringWriter();
        SummaryPrinter.print(new PrintWriter(text, true), r);
        String out = text.toString();
        // 1,001 flows x 3 pings (at 0, 1 and 2 s), none lost on a lossless link; RTT 2 x 10 ms.
        assertTrue(out.contains("group p-{i}: 1001 flows, delivered 3003/3003 (100.00%), worst flow 100.00%, median flow 100.00%,"
                + " rtt p99 of the median flow 20.00 ms, worst 20.00 ms\n"), out);
        assertEquals(-1, out.indexOf("flow p-1 "), "no line per flow above 1,000 flows");
    }
}
