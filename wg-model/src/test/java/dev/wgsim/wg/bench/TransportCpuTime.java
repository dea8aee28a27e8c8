package dev.wgsim.wg.bench;

import dev.wgsim.wg.crypto.TransportAead;
import dev.wgsim.wg.crypto.TransportAeads;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Seal+open of one 1,420-byte packet with each transport cipher, timed by the thread's CPU time in
 * alternating (ABBA) rounds in one JVM, so a loaded shared machine still gives a usable ratio, which
 * JMH's wall-clock {@link TransportBenchmark} does not. README.md quotes its medians. Run with
 * {@code java -cp wg-model/target/test-classes:wg-model/target/classes:net-types/target/classes:BCPROV_JAR
 * dev.wgsim.wg.bench.TransportCpuTime} on each JDK.
 */
public final class TransportCpuTime {
    private TransportCpuTime() {
    }

    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        byte[] key = new byte[32];
        new java.util.Random(2).nextBytes(key);
        byte[] plain = new byte[1420];
        byte[] sealed = new byte[1436];
        byte[] opened = new byte[1420];
        TransportAeads.Provider[] ps = {TransportAeads.Provider.BC, TransportAeads.Provider.JDK};
        TransportAead[] s = new TransportAead[2], o = new TransportAead[2];
        for (int i = 0; i < 2; i++) {
            s[i] = TransportAeads.create(ps[i], key);
            o[i] = TransportAeads.create(ps[i], key);
        }
        long[] c = new long[2];
        int n = 20000;
        for (int warm = 0; warm < 5; warm++) {
            for (int i = 0; i < 2; i++) {
                run(s[i], o[i], plain, sealed, opened, c, i, n);
            }
        }
        java.util.List<double[]> rounds = new java.util.ArrayList<>();
        for (int r = 0; r < 8; r++) {
            int[] order = r % 2 == 0 ? new int[] {0, 1, 1, 0} : new int[] {1, 0, 0, 1};
            double[] t = new double[2];
            for (int i : order) {
                long a = mx.getCurrentThreadCpuTime();
                run(s[i], o[i], plain, sealed, opened, c, i, n);
                t[i] += (mx.getCurrentThreadCpuTime() - a) / (double) n / 2 / 1000.0;
            }
            rounds.add(t);
            System.out.printf("round %d: BC %.2f us, JDK %.2f us, BC/JDK %.2f%n", r, t[0], t[1], t[0] / t[1]);
        }
        double[] bc = rounds.stream().mapToDouble(t -> t[0]).sorted().toArray();
        double[] jdk = rounds.stream().mapToDouble(t -> t[1]).sorted().toArray();
        System.out.printf("median: BC %.2f us, JDK %.2f us (Java %s)%n", (bc[3] + bc[4]) / 2, (jdk[3] + jdk[4]) / 2, System.getProperty("java.version"));
    }

    static void run(TransportAead s, TransportAead o, byte[] p, byte[] sealed, byte[] opened, long[] c, int i, int n) {
        for (int k = 0; k < n; k++) {
            long ctr = c[i]++;
            s.seal(ctr, p, 0, p.length, sealed, 0);
            if (o.open(ctr, sealed, 0, sealed.length, opened, 0) < 0) {
                throw new IllegalStateException("open failed");
            }
        }
    }
}
