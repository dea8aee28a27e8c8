package dev.wgsim.scenario.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wgsim.engine.metrics.MetricsCsv;
import dev.wgsim.engine.pcap.PcapWriter;
import dev.wgsim.engine.trace.JsonLinesSink;
import dev.wgsim.engine.trace.TraceListener;
import dev.wgsim.scenario.expect.ExpectationResult;
import dev.wgsim.scenario.expect.ExpectationWatch;
import dev.wgsim.scenario.expect.JUnitXml;
import dev.wgsim.scenario.expect.Outcome;
import dev.wgsim.scenario.expect.RunEvents;
import dev.wgsim.scenario.expect.SuiteResult;
import dev.wgsim.scenario.model.CaptureSpec;
import dev.wgsim.scenario.model.NodeSpec;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.model.TraceLevel;
import dev.wgsim.scenario.results.StagedFolder;
import dev.wgsim.scenario.results.RunRecord;
import dev.wgsim.scenario.sim.Simulation;
import dev.wgsim.scenario.tailnet.Tailnet;
import dev.wgsim.scenario.tailnet.TailnetSummary;
import dev.wgsim.scenario.sim.WgTunnel;
import dev.wgsim.wg.config.WireGuardKeylog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Runs a scenario to its duration and writes its results folder: summary.json, events.jsonl,
 * metrics/*.csv, wg-show/&lt;node&gt;.txt, optional capture.pcap and wg-keylog.txt, then asks
 * the report renderer for charts and report.html.
 */
public final class Runner {
    /** Up to this many WireGuard nodes get a wg-show/NODE.txt each; above, all go to {@value #WG_SHOW_ALL}. */
    public static final int WG_SHOW_FILES = 1000;
    /** The single wg show file of a run with more than {@value #WG_SHOW_FILES} WireGuard nodes. */
    public static final String WG_SHOW_ALL = "all-nodes.txt";

    /** Renders charts and report.html into a results folder (the reports module). */
    @FunctionalInterface
    public interface ReportRenderer {
        void render(Path resultsDir) throws IOException;

        /** No charts or report.html (tests, and sweeps without per-run charts): the folder is complete without them. */
        ReportRenderer NONE = dir -> { };
    }

    private Runner() {
    }

    /**
     * A progress listener that also wants the run's phases named and the events executed so far;
     * pass one as the {@code progress} argument. The listener, not the model, reads the wall clock.
     */
    public interface Phases extends LongConsumer {
        /** "building 5 nodes", "running", "writing results", "rendering charts". */
        void phase(String name);

        /** Events executed so far, reported just before each {@link #accept} of the virtual time. */
        default void events(long executed) {
        }
    }

    private static void phase(LongConsumer progress, String name) {
        if (progress instanceof Phases p) {
            p.phase(name);
        }
    }

    /** Writes more files into the results folder before charts are rendered and it is committed. */
    @FunctionalInterface
    public interface FolderExtras {
        void write(Path dir, RunResult result) throws IOException;

        FolderExtras NONE = (dir, r) -> { };
    }

    /**
     * Where and how a run's results folder is written.
     *
     * @param parent the folder the results folder goes into
     * @param mode   what happens when {@code parent/<name>} exists: a new name, or replaced (--force)
     * @param notes  told about leftovers of killed runs that were recovered or removed; null when the
     *               caller already recovered {@code parent} (a sweep does it once for all its runs)
     * @param record what summary.json's run block records and the inputs to copy, or null for none
     * @param extras more files to write (the machine-dependent half of the record)
     * @param name   the folder's name, or null for the scenario's name
     * @param flowDetail list every flow in summary.json and metrics/*.csv even above
     *               {@link FlowGroupSummary#FLOW_DETAIL_LIMIT} flows ({@code wgsim run --flow-detail})
     */
    public record Output(Path parent, StagedFolder.Mode mode, Consumer<String> notes, RunRecord record, FolderExtras extras,
                         String name, boolean flowDetail) {
        /** Flows made from templates grouped above {@link FlowGroupSummary#FLOW_DETAIL_LIMIT} flows. */
        public Output(Path parent, StagedFolder.Mode mode, Consumer<String> notes, RunRecord record, FolderExtras extras,
                      String name) {
            this(parent, mode, notes, record, extras, name, false);
        }

        /** Replaces {@code parent/<name>} (library and test use). */
        public static Output replacing(Path parent) {
            return new Output(parent, StagedFolder.Mode.REPLACE, n -> { }, null, FolderExtras.NONE, null);
        }

        /** The same with every flow listed. */
        public Output withFlowDetail(boolean detail) {
            return new Output(parent, mode, notes, record, extras, name, detail);
        }
    }

    /**
     * Runs {@code s}; writes {@code resultsParent/<name>}, replacing an older one, unless
     * {@code resultsParent} is null.
     *
     * @param progress called with the virtual time reached, about every 1% of the duration
     */
    public static RunResult run(Scenario s, Path resultsParent, LongConsumer progress, ReportRenderer reports) throws IOException {
        return execute(s, resultsParent == null ? null : Output.replacing(resultsParent), progress, reports);
    }

    /** Runs {@code s}; writes its results folder as {@code output} says, or none when it is null. */
    public static RunResult execute(Scenario s, Output output, LongConsumer progress, ReportRenderer reports) throws IOException {
        return execute(s, output, progress, reports, List.of());
    }

    /**
     * As {@link #execute(Scenario, Output, LongConsumer, ReportRenderer)}, with more listeners for the
     * run's protocol events (every event but the per-packet ones), e.g. a golden trace's recorder.
     */
    public static RunResult execute(Scenario s, Output output, LongConsumer progress, ReportRenderer reports,
                                    List<TraceListener> protocolListeners) throws IOException {
        if (output == null) {
            return runInto(s, null, progress, null, protocolListeners, false);
        }
        try (StagedFolder folder = StagedFolder.begin(output.parent(), output.name() != null ? output.name() : s.name(),
                output.notes() != null ? output.notes() : n -> { }, output.notes() != null)) {
            RunResult r = runInto(s, folder.dir(), progress, output.record(), protocolListeners, output.flowDetail());
            if (output.record() != null) {
                output.record().copyInto(folder.dir());
            }
            output.extras().write(folder.dir(), r);
            if (reports != ReportRenderer.NONE) {
                phase(progress, "rendering charts");
            }
            reports.render(folder.dir());
            Path done = folder.commit(output.mode());
            return new RunResult(r.simulation(), r.summary(), r.expectations(), done, r.wallNanos(), r.cpuNanos());
        }
    }

    private static RunResult runInto(Scenario s, Path dir, LongConsumer progress, RunRecord record,
                                     List<TraceListener> protocolListeners, boolean flowDetail) throws IOException {
        phase(progress, "building " + s.nodes().size() + " node" + (s.nodes().size() == 1 ? "" : "s"));
        CaptureSpec cap = s.capture();
        StringBuilder keylog = new StringBuilder();
        Simulation sim = dir != null && cap.enabled() && cap.keylog()
                ? Simulation.build(s, node -> m -> keylog.append(WireGuardKeylog.handshake(m.localStatic(), m.remoteStatic(),
                        m.localEphemeral(), m.presharedKey())))
                : Simulation.build(s);
        // A tailnet's control, relays and devices go onto the built network (devices join at their time).
        java.util.Optional<Tailnet> tailnet = Tailnet.attach(sim);
        java.util.Optional<TailnetSummary> tailnetSummary = tailnet.map(TailnetSummary::new);
        tailnetSummary.ifPresent(t -> sim.network().trace().subscribeProtocol(t));
        // Only the listeners that need one event per packet ask for them: when none does, the
        // engine builds no per-packet event at all (Trace.packetsActive).
        SummaryTally log = new SummaryTally();
        sim.network().trace().subscribeProtocol(log);
        // Expectations are evaluated as the run goes: no event is kept for them (issue 14).
        ExpectationWatch expectations = new ExpectationWatch(s);
        if (expectations.wantsPackets()) {
            sim.network().trace().subscribe(expectations);
        } else {
            sim.network().trace().subscribeProtocol(expectations);
        }
        for (TraceListener l : protocolListeners) {
            sim.network().trace().subscribeProtocol(e -> {
                if (!RunEvents.perPacket(e.kind())) {
                    l.onEvent(e);
                }
            });
        }
        BufferedWriter events = null;
        JsonLinesSink sink = null;
        PcapWriter pcap = null;
        if (dir != null) {
            if (s.trace() != TraceLevel.NONE) {
                events = Files.newBufferedWriter(dir.resolve("events.jsonl"), StandardCharsets.UTF_8);
                sink = new JsonLinesSink(events);
                if (s.trace() == TraceLevel.PACKETS) {
                    sim.network().trace().subscribe(sink);
                } else {
                    // Drops reach protocol listeners too (the metrics count them): leave them out.
                    JsonLinesSink protocolSink = sink;
                    sim.network().trace().subscribeProtocol(e -> {
                        if (!RunEvents.perPacket(e.kind())) {
                            protocolSink.onEvent(e);
                        }
                    });
                }
            }
            if (cap.enabled()) {
                pcap = PcapWriter.open(dir.resolve("capture.pcap"), sim.wallEpochUnixNanos(), PcapWriter.Precision.NANOSECONDS,
                        cap.snaplen());
                for (String n : cap.nodes()) {
                    sim.outerNetwork().host(n).addObserver(pcap);
                }
                for (String l : cap.links()) {
                    sim.outerNetwork().link(l).addObserver(pcap);
                }
            }
        }
        long wallStart = System.nanoTime(); // wall time is a figure about the run, never part of results
        long cpuStart = threadCpuNanos();
        phase(progress, "running");
        LongConsumer tick = progress instanceof Phases p ? t -> {
            p.events(sim.network().loop().executedCount());
            p.accept(t);
        } : progress;
        sim.run(s.duration(), tick);
        long wall = System.nanoTime() - wallStart;
        long cpuEnd = threadCpuNanos();
        long cpu = cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart;
        // The expect package explains failures with the events around them (issue 7).
        List<Outcome> outcomes = expectations.finish(sim.network().metrics());
        List<ExpectationResult> results = outcomes.stream().map(Outcome::toResult).toList();
        if (dir != null) {
            phase(progress, "writing results");
        }
        FlowGroupSummary groups = new FlowGroupSummary(s, sim.network().metrics(), flowDetail);
        var summary = SummaryJson.build(sim, log, results, groups);
        if (s.trace() != TraceLevel.PACKETS) {
            // Said only when not the default, so a default run's summary.json stays as it was.
            ((ObjectNode) summary.get("run")).put("trace", s.trace().text());
        }
        if (record != null) {
            record.addTo((ObjectNode) summary.get("run"));
        }
        tailnetSummary.ifPresent(t -> summary.set("tailnet", t.toJson(new com.fasterxml.jackson.databind.ObjectMapper())));
        if (dir != null) {
            if (sink != null) {
                sink.close();
            }
            if (pcap != null) {
                pcap.close();
                if (cap.keylog()) {
                    Files.writeString(dir.resolve("wg-keylog.txt"), keylog.toString(), StandardCharsets.UTF_8);
                }
            }
            Path metrics = Files.createDirectories(dir.resolve("metrics"));
            MetricsCsv.writeAll(sim.network().metrics(), s.duration(), metrics, groups.flowGroups(s));
            writeWgShow(Files.createDirectories(dir.resolve("wg-show")), s, sim, WG_SHOW_FILES);
            Files.writeString(dir.resolve("summary.json"), SummaryJson.toJson(summary), StandardCharsets.UTF_8);
            // results-format.md: junit.xml when the scenario had expectations (no wall time: results stay reproducible)
            if (!outcomes.isEmpty()) {
                JUnitXml.write(dir.resolve("junit.xml"), List.of(new SuiteResult(SummaryJson.fileName(s), s.name(), s.seed(), outcomes, 0,
                        java.util.Optional.empty())));
            }
        }
        return new RunResult(sim, summary, results, dir, wall, cpu);
    }

    /**
     * wg show of every WireGuard node at the end: a file per node up to {@code filesUpTo} nodes,
     * else one file, {@value #WG_SHOW_ALL}, each node's block under a "node: NAME" line.
     */
    static void writeWgShow(Path show, Scenario s, Simulation sim, int filesUpTo) throws IOException {
        Map<String, NodeSpec> byName = new java.util.HashMap<>();
        s.nodes().forEach(n -> byName.put(n.name(), n));
        if (sim.tunnels().size() <= filesUpTo) {
            for (Map.Entry<String, WgTunnel> t : sim.tunnels().entrySet()) {
                Files.writeString(show.resolve(t.getKey() + ".txt"), wgShow(s, sim, byName, t.getKey(), t.getValue()),
                        StandardCharsets.UTF_8);
            }
            return;
        }
        // A file per node does not scale (100,000 files): one file, each node under a "node:" line.
        try (BufferedWriter all = Files.newBufferedWriter(show.resolve(WG_SHOW_ALL), StandardCharsets.UTF_8)) {
            boolean first = true;
            for (Map.Entry<String, WgTunnel> t : sim.tunnels().entrySet()) {
                if (!first) {
                    all.write("\n");
                }
                first = false;
                all.write("node: " + t.getKey() + "\n");
                all.write(wgShow(s, sim, byName, t.getKey(), t.getValue()));
            }
        }
    }

    private static String wgShow(Scenario s, Simulation sim, Map<String, NodeSpec> byName, String node, WgTunnel tunnel) {
        NodeSpec n = byName.get(node);
        // A tailnet device's interface is made at run time (tailscale0), not in the file.
        String ifName = n == null ? Tailnet.INTERFACE : n.wireguard().map(w -> w.interfaceName()).orElse(Tailnet.INTERFACE);
        return WgShowRender.pretty(ifName, tunnel, sim.wallEpochUnixNanos(), s.duration());
    }

    /** This thread's CPU time in nanoseconds, or -1 where the JVM does not measure it. */
    private static long threadCpuNanos() {
        java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
        return t.isCurrentThreadCpuTimeSupported() ? t.getCurrentThreadCpuTime() : -1;
    }
}
