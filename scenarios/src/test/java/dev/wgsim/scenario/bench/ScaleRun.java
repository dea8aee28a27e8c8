package dev.wgsim.scenario.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wgsim.scenario.model.Scenario;
import dev.wgsim.scenario.parse.ScenarioParser;
import dev.wgsim.scenario.run.RunResult;
import dev.wgsim.scenario.run.Runner;
import dev.wgsim.scenario.sim.Simulation;
import dev.wgsim.scenario.sim.WgTunnel;
import dev.wgsim.wg.crypto.TransportAeads;
import dev.wgsim.wg.device.CryptoOp;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One scale run, as {@code bench/scale} starts it (one JVM per scenario, so peak RSS is the
 * run's own): parses and builds the scenario, runs it like {@code wgsim run --no-results}, and
 * prints wall times, events per second, handshakes per second, peak RSS (VmHWM), heap after GC
 * per node at the end, and the run's own cryptography time estimated as the devices' {@link CryptoOp}
 * counts (plus one public-key derivation per device built) times unit costs: {@code CryptoUnitBenchmark}'s
 * steps timed as CPU time in this JVM after the run ({@code CpuUnits}), and JMH's wall-clock figures
 * when a result file is given.
 * <p>
 * {@code ScaleRun SCENARIO [UNITS.json]}, or {@code ScaleRun --idle SCENARIO} for the heap of the
 * built but not yet run simulation per node (what an idle spoke costs).
 */
public final class ScaleRun {
    /** CpuUnits.KEY_DERIVED (wg-model's test classes are not a compile dependency). */
    private static final String KEY_DERIVED = "key_derived";

    private ScaleRun() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args[0].equals("--idle")) {
            idle(Path.of(args[1]));
            return;
        }
        Path file = Path.of(args[0]);
        Map<String, Double> unitNanos = args.length > 1 ? units(Path.of(args[1])) : Map.of();
        long t0 = System.nanoTime();
        Scenario s = ScenarioParser.parse(file, new ScenarioParser.Options(List.of(), OptionalLong.empty()));
        long parsed = System.nanoTime();
        int nodes = s.nodes().size();
        // CPU time of this thread (the simulation is single-threaded): on a machine shared with
        // other jobs it varies far less than wall time. GC threads are not in it.
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c1 = threads.getCurrentThreadCpuTime();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long p1 = os.getProcessCpuTime();
        long g1 = gcMillis();
        long t1 = System.nanoTime();
        RunResult r = Runner.run(s, null, t -> { }, Runner.ReportRenderer.NONE);
        long t2 = System.nanoTime();
        double runCpu = (threads.getCurrentThreadCpuTime() - c1) / 1e9;
        // The whole process (GC and JIT threads too) and the collectors' own accounting.
        double processCpu = (os.getProcessCpuTime() - p1) / 1e9;
        double gcSeconds = (gcMillis() - g1) / 1e3;
        long endHeap = heapAfterGc();
        Simulation sim = r.simulation();
        // The unit costs as CPU time of this thread, measured here after the run (the JIT warm from
        // it; measuring before would warm the run's own crypto paths up for it): comparable with the
        // run's CPU time even when other jobs slow the wall clock down.
        Map<String, Double> cpuUnits = cpuUnits();
        if (Boolean.getBoolean("scale.histogram")) {
            histogram();
        }

        EnumMap<CryptoOp, Long> ops = new EnumMap<>(CryptoOp.class);
        for (CryptoOp op : CryptoOp.values()) {
            long n = 0;
            for (WgTunnel t : sim.tunnels().values()) {
                n += t.device().cryptoOps(op);
            }
            ops.put(op, n);
        }
        // Each device was built from a private key whose public key the build derived (one X25519 with
        // the base point); the static-static agreements are in the devices' counts.
        long keysDerived = sim.tunnels().size();
        double cryptoNanos = keysDerived * unitNanos.getOrDefault(KEY_DERIVED, 0.0);
        boolean haveUnits = !unitNanos.isEmpty();
        for (CryptoOp op : CryptoOp.values()) {
            cryptoNanos += ops.get(op) * unitNanos.getOrDefault(op.name(), 0.0);
        }
        double cryptoCpuNanos = cryptoCpu(ops, keysDerived, cpuUnits);
        JsonNode wg = r.summary().get("wireguard");
        long events = r.summary().get("run").get("events_executed").asLong();
        double simWall = r.wallNanos() / 1e9;
        double runWall = (t2 - t1) / 1e9;
        long completed = wg.get("handshakes_completed").asLong();

        StringBuilder o = new StringBuilder();
        o.append(String.format(Locale.ROOT, "%s: %d nodes, %.0f s simulated%n", s.name(), nodes, s.duration() / 1e9));
        double simCpu = r.cpuNanos() / 1e9;
        o.append(String.format(Locale.ROOT, "  parse %.2f s, build+run+summary %.2f s wall, %.2f s CPU (simulation %.2f s wall, %.2f s CPU)%n",
                (parsed - t0) / 1e9, runWall, runCpu, simWall, simCpu));
        o.append(String.format(Locale.ROOT, "  %d events, %.2f M events/s, %.0f ns/event%n", events, events / simWall / 1e6,
                simWall * 1e9 / Math.max(1, events)));
        o.append(String.format(Locale.ROOT, "  handshakes: %d initiated, %d completed, %.0f completed/s wall; %d cookies, %d gave up%n",
                wg.get("handshakes_initiated").asLong(), completed, completed / simWall, wg.get("cookies_sent").asLong(),
                wg.get("gave_up").asLong()));
        o.append(String.format(Locale.ROOT, "  process CPU %.2f s (all threads); GC %.2f s (collector time, %s)%n", processCpu,
                gcSeconds, ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()));
        o.append(String.format(Locale.ROOT, "  peak RSS %.0f MiB; heap after GC at the end %.0f B/node%n",
                peakRssBytes() / 1048576.0, endHeap / (double) nodes));
        o.append("  transport cipher: ").append(TransportAeads.describeDefault()).append('\n');
        o.append("  crypto ops:");
        ops.forEach((op, n) -> o.append(' ').append(op.name().toLowerCase(Locale.ROOT)).append('=').append(n));
        o.append(" keys_derived=").append(keysDerived).append('\n');
        if (haveUnits) {
            o.append(String.format(Locale.ROOT, "  cryptography %.2f s wall (counts x JMH unit costs); simulation wall / crypto = %s%n",
                    cryptoNanos / 1e9, ratio(simWall * 1e9, cryptoNanos)));
        }
        o.append(String.format(Locale.ROOT, "  unit CPU costs measured in this JVM after the run (medians over rounds): %s%n", describe(cpuUnits)));
        o.append(String.format(Locale.ROOT, "  cryptography %.2f s CPU (counts x those units); build+run CPU / crypto = %s, simulation wall / crypto = %s%n",
                cryptoCpuNanos / 1e9, ratio(runCpu * 1e9, cryptoCpuNanos), ratio(simWall * 1e9, cryptoCpuNanos)));
        System.out.print(o);
        // Field 13, the simulation's own CPU time, came last so the earlier fields keep their places.
        System.out.printf(Locale.ROOT, "ROW|%s|%d|%.2f|%.2f|%.2f|%d|%.0f|%.0f|%.0f|%.2f|%s|%.0f|%.2f%n", s.name(), nodes, simWall, runWall,
                runCpu, events, runCpu * 1e9 / Math.max(1, events), completed / simWall, peakRssBytes() / 1048576.0,
                cryptoCpuNanos / 1e9, ratio(runCpu * 1e9, cryptoCpuNanos), endHeap / (double) nodes, simCpu);
    }

    /** wg-model's bench.CpuUnits.measureAll(), found by name (wg-model's test classes are not a compile dependency). */
    @SuppressWarnings("unchecked")
    private static Map<String, Double> cpuUnits() {
        try {
            return (Map<String, Double>) Class.forName("dev.wgsim.wg.bench.CpuUnits").getMethod("measureAll").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("put wg-model/target/test-classes on the class path (bench/scale does)", e);
        }
    }

    private static double cryptoCpu(Map<CryptoOp, Long> ops, long keysDerived, Map<String, Double> units) {
        double nanos = keysDerived * units.get(KEY_DERIVED);
        for (CryptoOp op : CryptoOp.values()) {
            nanos += ops.get(op) * units.get(op.name());
        }
        return nanos;
    }

    private static String describe(Map<String, Double> u) {
        StringBuilder sb = new StringBuilder();
        u.forEach((op, ns) -> sb.append(sb.length() == 0 ? "" : ", ").append(op.toLowerCase(Locale.ROOT))
                .append(String.format(Locale.ROOT, " %.1f us", ns / 1000)));
        return sb.toString();
    }

    private static String ratio(double a, double b) {
        return b <= 0 ? "n/a (no cryptography)" : String.format(Locale.ROOT, "%.2fx", a / b);
    }

    /** {@code ScaleRun --idle SCENARIO}: heap after GC of the built, not yet run, simulation per node. */
    private static void idle(Path file) throws IOException, InterruptedException {
        Scenario s = ScenarioParser.parse(file, new ScenarioParser.Options(List.of(), OptionalLong.empty()));
        long before = heapAfterGc();
        Simulation sim = Simulation.build(s);
        long after = heapAfterGc();
        if (Boolean.getBoolean("scale.histogram")) {
            histogram();
        }
        java.lang.ref.Reference.reachabilityFence(sim);
        System.out.printf(Locale.ROOT, "%s: idle (built, not run): %.0f bytes of heap per node (%d nodes, %.1f MiB)%n",
                s.name(), (after - before) / (double) s.nodes().size(), s.nodes().size(), (after - before) / 1048576.0);
        System.out.printf(Locale.ROOT, "IDLE|%s|%d|%.0f%n", s.name(), s.nodes().size(), (after - before) / (double) s.nodes().size());
    }

    /** What the heap is made of, largest classes first (the JVM's own GC.class_histogram; its first 40 lines). */
    private static void histogram() {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            text.toString().lines().limit(40).forEach(System.out::println);
        } catch (javax.management.JMException e) {
            System.out.println("no class histogram: " + e);
        }
    }

    private static long gcMillis() {
        long ms = 0;
        for (var b : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, b.getCollectionTime());
        }
        return ms;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** VmHWM from /proc/self/status (Linux), or -1 where there is none. */
    private static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Unit costs in ns per {@link CryptoOp} from a JMH JSON result of CryptoUnitBenchmark. */
    private static Map<String, Double> units(Path json) throws IOException {
        Map<String, Double> score = new java.util.HashMap<>();
        for (JsonNode b : new ObjectMapper().readTree(json.toFile())) {
            String name = b.get("benchmark").asText();
            score.put(name.substring(name.lastIndexOf('.') + 1), b.get("primaryMetric").get("score").asDouble());
        }
        Map<String, Double> u = new java.util.HashMap<>();
        u.put(CryptoOp.INITIATION_CREATED.name(), score.get("initiationCreated"));
        u.put(CryptoOp.INITIATION_CONSUMED.name(), score.get("initiationConsumed"));
        u.put(CryptoOp.RESPONSE_CREATED.name(), score.get("responseCreated"));
        u.put(CryptoOp.RESPONSE_CONSUMED.name(), score.get("responseCreatedAndConsumed") - score.get("responseCreated"));
        u.put(CryptoOp.COOKIE_REPLY_CREATED.name(), score.get("cookieReplyCreated"));
        u.put(CryptoOp.STATIC_STATIC_AGREED.name(), score.getOrDefault("staticStaticAgreed", 0.0));
        u.put(KEY_DERIVED, score.getOrDefault("publicKeyDerived", 0.0));
        u.put(CryptoOp.TRANSPORT_SEALED.name(), score.get("transportSealed"));
        u.put(CryptoOp.TRANSPORT_OPENED.name(), score.get("transportSealedAndOpened") - score.get("transportSealed"));
        return u;
    }
}
