package dev.wgsim.wg.bench;

import dev.wgsim.wg.device.CryptoOp;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The unit cost of each {@link CryptoOp} as CPU time of the calling thread, measured by running
 * {@link CryptoUnitBenchmark}'s steps directly (warmed up first; the untimed per-step setup of a
 * handshake step is left out of the time). CPU time, unlike JMH's wall time, does not grow when
 * other jobs share the machine, so it compares with a run's CPU time. {@code ScaleRun} (scenarios)
 * calls it by name, with wg-model's test classes on its class path.
 */
public final class CpuUnits {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuUnits() {
    }

    public static Map<CryptoOp, Double> measure() {
        CryptoUnitBenchmark b = new CryptoUnitBenchmark();
        CryptoUnitBenchmark.Handshakes h = new CryptoUnitBenchmark.Handshakes();
        h.keys();
        CryptoUnitBenchmark.Transport t = new CryptoUnitBenchmark.Transport();
        t.keys();
        Map<CryptoOp, Double> u = new EnumMap<>(CryptoOp.class);
        for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up; the last one counts
            int n = round < 2 ? 300 : 400;
            u.put(CryptoOp.INITIATION_CREATED, handshake(n, h, () -> b.initiationCreated(h) == null ? 0 : 1));
            u.put(CryptoOp.INITIATION_CONSUMED, handshake(n, h, () -> b.initiationConsumed(h) == null ? 0 : 1));
            double created = handshake(n, h, () -> b.responseCreated(h) == null ? 0 : 1);
            u.put(CryptoOp.RESPONSE_CREATED, created);
            u.put(CryptoOp.RESPONSE_CONSUMED, handshake(n, h, () -> b.responseCreatedAndConsumed(h) == null ? 0 : 1) - created);
            u.put(CryptoOp.COOKIE_REPLY_CREATED, handshake(n, h, () -> b.cookieReplyCreated(h) == null ? 0 : 1));
            int m = 100 * n;
            double sealed = batch(m, () -> b.transportSealed(t));
            u.put(CryptoOp.TRANSPORT_SEALED, sealed);
            u.put(CryptoOp.TRANSPORT_OPENED, batch(m, () -> b.transportSealedAndOpened(t)) - sealed);
        }
        return u;
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

    public static String describe(Map<CryptoOp, Double> u) {
        StringBuilder sb = new StringBuilder();
        u.forEach((op, ns) -> sb.append(sb.length() == 0 ? "" : ", ").append(op.name().toLowerCase(Locale.ROOT))
                .append(String.format(Locale.ROOT, " %.1f us", ns / 1000)));
        return sb.toString();
    }
}
