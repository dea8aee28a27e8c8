package dev.wgsim.wg.session.bench;

import dev.wgsim.wg.session.ReplayWindow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The replay filter per received packet: in order, and reordered within a 64-packet span. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReplayWindowBenchmark {

    private ReplayWindow window;
    private long next;
    private final long[] shuffle = new long[64];

    @Setup
    public void setup() {
        window = new ReplayWindow();
        next = 0;
        java.util.Random r = new java.util.Random(6479);
        for (int k = 0; k < 64; k++) {
            shuffle[k] = k;
        }
        for (int k = 63; k > 0; k--) {
            int j = r.nextInt(k + 1);
            long t = shuffle[k];
            shuffle[k] = shuffle[j];
            shuffle[j] = t;
        }
    }

    @Benchmark
    public boolean inOrder() {
        return window.accept(next++);
    }

    @Benchmark
    public boolean reordered() {
        long n = next++;
        return window.accept((n & ~63L) + shuffle[(int) (n & 63)]);
    }
}
