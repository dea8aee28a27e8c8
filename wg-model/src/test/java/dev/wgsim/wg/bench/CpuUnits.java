package dev.wgsim.wg.bench;

import dev.wgsim.wg.device.CryptoOp;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The unit cost of each {@link CryptoOp} (and of deriving a public key, {@link #KEY_DERIVED}) as CPU
 * time of the calling thread, measured by running {@link CryptoUnitBenchmark}'s steps directly: two
 * rounds to warm the JIT up, then {@value #ROUNDS} timed rounds, and each unit is the median over
 * those rounds (one round disturbed by a compilation or a collection does not move it; a JMH run of
 * five one-second iterations on a loaded machine showed errors of 40-200%). The untimed per-step
 * setup of a handshake step is left out. CPU time, unlike JMH's wall time, does not grow when other
 * jobs share the machine, so it compares with a run's CPU time. {@code ScaleRun} (scenarios) calls
 * it by name, with wg-model's test classes on its class path, after the run.
 */
public final class CpuUnits {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final int ROUNDS = 7;
    /** Key of the public-key derivation's unit in {@link #measureAll()}. */
    public static final String KEY_DERIVED = "key_derived";

    private CpuUnits() {
    }

    /** Median CPU ns per operation, keyed by {@link CryptoOp#name()} plus {@link #KEY_DERIVED}. */
    public static Map<String, Double> measureAll() {
        CryptoUnitBenchmark b = new CryptoUnitBenchmark();
        CryptoUnitBenchmark.Handshakes h = new CryptoUnitBenchmark.Handshakes();
        h.keys();
        CryptoUnitBenchmark.Transport t = new CryptoUnitBenchmark.Transport();
        t.keys();
        Map<String, List<Double>> rounds = new java.util.LinkedHashMap<>();
        for (int round = 0; round < 2 + ROUNDS; round++) {
            boolean timed = round >= 2;
            int n = 300;
            Map<String, Double> u = new java.util.LinkedHashMap<>();
            u.put(CryptoOp.INITIATION_CREATED.name(), handshake(n, h, () -> b.initiationCreated(h) == null ? 0 : 1));
            u.put(CryptoOp.INITIATION_CONSUMED.name(), handshake(n, h, () -> b.initiationConsumed(h) == null ? 0 : 1));
            double created = handshake(n, h, () -> b.responseCreated(h) == null ? 0 : 1);
            u.put(CryptoOp.RESPONSE_CREATED.name(), created);
            u.put(CryptoOp.RESPONSE_CONSUMED.name(), handshake(n, h, () -> b.responseCreatedAndConsumed(h) == null ? 0 : 1) - created);
            u.put(CryptoOp.COOKIE_REPLY_CREATED.name(), handshake(n, h, () -> b.cookieReplyCreated(h) == null ? 0 : 1));
            u.put(CryptoOp.STATIC_STATIC_AGREED.name(), batch(n, () -> b.staticStaticAgreed(h)[0]));
            u.put(KEY_DERIVED, batch(n, () -> b.publicKeyDerived(h) == null ? 0 : 1));
            int m = 100 * n;
            double sealed = batch(m, () -> b.transportSealed(t));
            u.put(CryptoOp.TRANSPORT_SEALED.name(), sealed);
            u.put(CryptoOp.TRANSPORT_OPENED.name(), batch(m, () -> b.transportSealedAndOpened(t)) - sealed);
            if (timed) {
                u.forEach((k, v) -> rounds.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            }
        }
        Map<String, Double> median = new java.util.LinkedHashMap<>();
        rounds.forEach((k, v) -> {
            double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            median.put(k, a[a.length / 2]);
        });
        return median;
    }

    /** Mean CPU ns per step, each step after a fresh untimed initiation in flight. */
    private static double handshake(int n, CryptoUnitBenchmark.Handshakes h, IntSupplier step) {
        long total = 0;
        int sink = 0;
        for (int i = 0; i < n; i++) {
            h.initiationInFlight();
            long c0 = THREADS.getCurrentThreadCpuTime();
            sink += step.getAsInt();
            total += THREADS.getCurrentThreadCpuTime() - c0;
        }
        return sink < 0 ? -1 : (double) total / n;
    }

    private static double batch(int n, IntSupplier step) {
        int sink = 0;
        long c0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            sink += step.getAsInt();
        }
        long total = THREADS.getCurrentThreadCpuTime() - c0;
        return sink == Integer.MIN_VALUE ? -1 : (double) total / n;
    }
}
