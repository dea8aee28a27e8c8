package dev.wgsim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Above a node count wg show goes to one file: the same text per node as the per-node files, under "node:" lines. */
class WgShowFilesTest {
    @TempDir
    Path tmp;

    @Test
    void oneFileHoldsEveryNodesBlockInOrder() throws Exception {
        Scenario s = ScenarioParser.parse("three.yaml", """
                scenario: {name: three, duration: 3s}
                topology: {type: star, hub: hub}
                nodes:
                  - {name: inet, router: true}
                  - {name: hub, address: 198.51.100.1, wireguard: {address: 10.0.0.1/24, listen_port: 51820}}
                  - {name: 'spoke-{i}', count: 2, address_pool: 100.64.0.0/24, wireguard: {address_pool: 10.0.0.2/24}}
                links:
                  - {name: hub-inet, a: hub, b: inet, delay: 1ms}
                  - {name: 'spoke-{i}-inet', count: 2, a: 'spoke-{i}', b: inet, delay: 1ms}
                traffic:
                  - {name: 'ping-{i}', count: 2, type: ping, from: 'spoke-{i}', to: hub, interval: 1s}
                """, Path.of("."), ScenarioParser.Options.NONE);
        RunResult r = Runner.run(s, null, t -> { }, Runner.ReportRenderer.NONE);
        Path each = Files.createDirectories(tmp.resolve("each"));
        Path one = Files.createDirectories(tmp.resolve("one"));
        Runner.writeWgShow(each, s, r.simulation(), 3);
        Runner.writeWgShow(one, s, r.simulation(), 2);
        try (Stream<Path> files = Files.list(one)) {
            assertEquals(List.of(Runner.WG_SHOW_ALL), files.map(p -> p.getFileName().toString()).toList());
        }
        List<String> nodes = List.copyOf(r.simulation().tunnels().keySet());
        assertEquals(3, nodes.size());
        StringBuilder expected = new StringBuilder();
        for (String n : nodes) {
            expected.append(expected.isEmpty() ? "" : "\n").append("node: ").append(n).append('\n')
                    .append(Files.readString(each.resolve(n + ".txt")));
        }
        String all = Files.readString(one.resolve(Runner.WG_SHOW_ALL));
        assertEquals(expected.toString(), all);
        assertTrue(all.contains("node: hub\ninterface: wg0"), all);
        assertEquals(2 + 2, all.split("\npeer: ", -1).length - 1, "the hub's two peers and each spoke's one");
    }
}
