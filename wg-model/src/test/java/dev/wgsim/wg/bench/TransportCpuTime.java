package dev.wgsim.wg.bench;

import dev.wgsim.wg.crypto.BcTransportAead;
import dev.wgsim.wg.crypto.JdkTransportAead;
import dev.wgsim.wg.crypto.TransportAead;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Seal+open of one packet (1,420 bytes, or the size given as the first argument) with each transport
 * cipher (Bouncy Castle, the JDK's AEAD, the JDK's ChaCha20 and Poly1305 put together; the last needs
 * {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED}), timed by the thread's CPU time in
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
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1420;
        byte[] plain = new byte[size];
        byte[] sealed = new byte[size + 16];
        byte[] opened = new byte[size];
        String[] names = {"BC", "JDK AEAD", "JDK split"};
        TransportAead[] s = {new BcTransportAead(key), new JdkTransportAead(key, JdkTransportAead.Construction.AEAD),
            new JdkTransportAead(key, JdkTransportAead.Construction.SPLIT)};
        TransportAead[] o = {new BcTransportAead(key), new JdkTransportAead(key, JdkTransportAead.Construction.AEAD),
            new JdkTransportAead(key, JdkTransportAead.Construction.SPLIT)};
        int k = s.length;
        long[] c = new long[k];
        int n = 20000;
        for (int warm = 0; warm < 5; warm++) {
            for (int i = 0; i < k; i++) {
                run(s[i], o[i], plain, sealed, opened, c, i, n);
            }
        }
        java.util.List<double[]> rounds = new java.util.ArrayList<>();
        for (int r = 0; r < 8; r++) {
            int[] order = r % 2 == 0 ? new int[] {0, 1, 2, 2, 1, 0} : new int[] {2, 1, 0, 0, 1, 2};
            double[] t = new double[k];
            for (int i : order) {
                long a = mx.getCurrentThreadCpuTime();
                run(s[i], o[i], plain, sealed, opened, c, i, n);
                t[i] += (mx.getCurrentThreadCpuTime() - a) / (double) n / 2 / 1000.0;
            }
            rounds.add(t);
            System.out.printf("round %d: BC %.2f us, JDK AEAD %.2f us, JDK split %.2f us%n", r, t[0], t[1], t[2]);
        }
        StringBuilder median = new StringBuilder("median, " + size + " bytes:");
        for (int i = 0; i < k; i++) {
            int col = i;
            double[] sorted = rounds.stream().mapToDouble(t -> t[col]).sorted().toArray();
            median.append(String.format(" %s %.2f us;", names[i], (sorted[3] + sorted[4]) / 2));
        }
        System.out.println(median + " Java " + System.getProperty("java.version"));
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
