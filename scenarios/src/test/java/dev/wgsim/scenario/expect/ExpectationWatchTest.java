package dev.wgsim.scenario.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.scenario.model.ExpectSpec;
import dev.wgsim.scenario.model.ExpectSpec.Comparison;
import dev.wgsim.scenario.model.ExpectSpec.EventFilter;
import dev.wgsim.scenario.model.ExpectSpec.Op;
import dev.wgsim.scenario.model.ExpectSpec.TimeWindow;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.sim.Simulation;
import dev.wgsim.scenario.tailnet.Tailnet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Expectations evaluated as the run goes give the outcomes, word for word (failure contexts
 * included), that the stored-list evaluation of main e64c14b gives over the whole event list
 * ({@link StoredListEvaluator}, the reference): for every regression scenario, its own
 * expectations plus variants made to fail (moved windows, impossible counts, zero tolerances,
 * wrong endpoints, with and without a node filter), so every kind of failure context is compared.
 */
class ExpectationWatchTest {
    private static final long S = 1_000_000_000L;

    @TestFactory
    Stream<DynamicTest> sameOutcomesAsTheWholeEventList() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("regression"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "the regression suite is there");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> compare(f)));
    }

    private static void compare(Path file) {
        Scenario s = ScenarioParser.parse(file, ScenarioParser.Options.NONE);
        List<ExpectSpec> specs = new ArrayList<>(s.expect());
        for (ExpectSpec e : s.expect()) {
            specs.addAll(failing(e, s.duration()));
        }
        Simulation sim = Simulation.build(s);
        Tailnet.attach(sim);
        RunEvents stored = new RunEvents();
        sim.network().trace().subscribe(stored);
        ExpectationWatch watch = new ExpectationWatch(s, specs);
        if (watch.wantsPackets()) {
            sim.network().trace().subscribe(watch);
        } else {
            sim.network().trace().subscribeProtocol(watch);
        }
        sim.run(s.duration(), t -> { });

        List<Outcome> reference = new StoredListEvaluator(s, stored, sim.network().metrics()).evaluate(specs);
        List<Outcome> live = watch.finish(sim.network().metrics());
        assertFalse(reference.isEmpty(), "expectations were evaluated");
        assertEquals(reference.size(), live.size());
        for (int i = 0; i < reference.size(); i++) {
            assertEquals(reference.get(i), live.get(i), "expectation " + i + ": " + specs.get(i).text());
        }
        // The file's own expectations pass; the variants fail, most with events shown as context.
        for (int i = 0; i < s.expect().size(); i++) {
            assertTrue(live.get(i).passed(), live.get(i).details());
        }
        long withContext = live.stream().filter(o -> !o.passed() && !o.context().isEmpty()).count();
        assertTrue(s.expect().isEmpty() || withContext > 0, "failures with context were compared");
        // And the stored evaluation (a replay through the watch) agrees too.
        assertEquals(reference, new Evaluator(s, stored, sim.network().metrics()).evaluate(specs));
    }

    /** Variants of {@code e} that fail (or may), to compare failure messages and their context. */
    private static List<ExpectSpec> failing(ExpectSpec e, long duration) {
        List<ExpectSpec> out = new ArrayList<>();
        Comparison never = new Comparison(Op.EQ, -1, 0);
        if (e instanceof ExpectSpec.Happens h) {
            TimeWindow w = h.window().orElse(new TimeWindow(duration + S, duration + 2 * S));
            TimeWindow moved = new TimeWindow(w.from() + 7_300_000_000L, w.to() + 7_300_000_000L);
            out.add(new ExpectSpec.Happens(h.text() + " moved", h.kind(), h.filter(), Optional.of(moved)));
            out.add(new ExpectSpec.Happens(h.text() + " early", h.kind(), h.filter(), Optional.of(new TimeWindow(0, 1))));
            out.add(new ExpectSpec.Happens(h.text() + " any node", h.kind(), EventFilter.ANY, Optional.of(moved)));
            out.add(new ExpectSpec.Happens(h.text() + " other kind", "wg.never", h.filter(), h.window()));
        } else if (e instanceof ExpectSpec.Count c) {
            out.add(new ExpectSpec.Count(c.text() + " never", c.kind(), c.filter(), never, c.window()));
            out.add(new ExpectSpec.Count(c.text() + " any node", c.kind(), EventFilter.ANY, never, Optional.empty()));
            out.add(new ExpectSpec.Count(c.text() + " late", c.kind(), c.filter(), never,
                    Optional.of(new TimeWindow(duration / 2, duration))));
        } else if (e instanceof ExpectSpec.Interval iv) {
            out.add(new ExpectSpec.Interval(iv.text() + " exact", iv.kind(), iv.filter(), iv.every() + 1, 0, iv.window()));
            out.add(new ExpectSpec.Interval(iv.text() + " any node", iv.kind(), EventFilter.ANY, iv.every(), 0, Optional.empty()));
        } else if (e instanceof ExpectSpec.Span sp) {
            out.add(new ExpectSpec.Span(sp.text() + " never", sp.kind(), sp.filter(), new Comparison(Op.LT, 0, 0), sp.window()));
            out.add(new ExpectSpec.Span(sp.text() + " any node", sp.kind(), EventFilter.ANY, new Comparison(Op.LT, 0, 0),
                    Optional.empty()));
        } else if (e instanceof ExpectSpec.EndpointAt ep) {
            out.add(new ExpectSpec.EndpointAt(ep.text() + " wrong", ep.at(), ep.node(), ep.peer(), Endpoint.of("192.0.2.254", 9)));
            out.add(new ExpectSpec.EndpointAt(ep.text() + " earlier", ep.at() / 2, ep.node(), ep.peer(),
                    Endpoint.of("192.0.2.254", 9)));
        }
        return out;
    }
}
