package dev.wgsim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.scenario.cli.WgsimCommand;
import dev.wgsim.scenario.sweep.SweepPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scenario that imports a wg-quick file from a sibling folder ({@code ../}) is shipped with it:
 * the bundle holds both files by their relative paths, and a run made from the bundle (as a Spark
 * task makes it, in a temporary folder of its own) writes the summary.json that
 * {@code wgsim run FILE --run-id N} writes from the original files. No Spark needed.
 */
class SweepBundleIT {
    @TempDir
    Path tmp;

    @Test
    void importsTravelWithTheScenarioAndTheRunIsTheSame() throws Exception {
        Path examples = Path.of("../scenarios/examples");
        Path site = Files.createDirectories(tmp.resolve("site"));
        Path confs = Files.createDirectories(tmp.resolve("confs"));
        Files.copy(examples.resolve("road-warrior-laptop.conf"), confs.resolve("road-warrior-laptop.conf"));
        String text = Files.readString(examples.resolve("road-warrior.yaml"));
        assertTrue(text.contains("config: road-warrior-laptop.conf"));
        Path scenario = site.resolve("rw.yaml");
        Files.writeString(scenario, text.replace("config: road-warrior-laptop.conf", "config: ../confs/road-warrior-laptop.conf") + """

                sweep:
                  parameters:
                    links[laptop-inet].loss: [0, 0.02]
                  replications: 2
                """);
        List<String> sets = List.of("scenario.duration=20s", "expect=[]");

        SweepBundle bundle = SweepBundle.of(SweepPlan.of(scenario, sets));
        assertEquals(List.of("rw.yaml", "../confs/road-warrior-laptop.conf"), List.copyOf(bundle.files().keySet()));
        assertEquals(1, bundle.depth());
        assertArrayEquals(Files.readAllBytes(confs.resolve("road-warrior-laptop.conf")),
                bundle.files().get("../confs/road-warrior-laptop.conf"));

        RunOutput shipped = SparkSweepJob.simulate(bundle, 3);
        assertTrue(!bundle.materialize().startsWith(tmp), "the run read the bundle's copy, not the original files");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WgsimCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("run", scenario.toString(),
                "--run-id", "3", "--set", sets.get(0), "--set", sets.get(1), "-o", tmp.resolve("alone").toString());
        assertEquals(0, code, err.toString());
        byte[] alone = Files.readAllBytes(tmp.resolve("alone/road-warrior/summary.json"));
        assertArrayEquals(alone, shipped.getSummaryJson().getBytes(StandardCharsets.UTF_8));
        String summary = new String(alone, StandardCharsets.UTF_8);
        assertTrue(summary.contains("\"file\" : \"road-warrior-laptop.conf\""), "the import is recorded: " + summary);
        assertEquals(List.of("links[laptop-inet].loss"), shipped.getParameterNames());
        assertEquals(List.of("0.02"), shipped.getParameterValues());
        assertEquals(1, shipped.getReplication());
    }
}
