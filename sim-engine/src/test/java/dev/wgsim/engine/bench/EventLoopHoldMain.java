package dev.wgsim.engine.bench;

import dev.wgsim.engine.time.EventLoop;

/**
 * A quick best-of-N hold-model check for a loaded machine, where JMH's averages drift with other
 * processes: {@code java ... EventLoopHoldMain [pending...]} prints the best of 15 rounds of
 * 2,000,000 events for the real {@link EventLoop} and for the bare heap reference, and their ratio.
 */
public final class EventLoopHoldMain {

    private static final int EVENTS = 2_000_000;
    private static final int ROUNDS = 15;
    private static final int RING = 1 << 16;

    private EventLoopHoldMain() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1_000, 100_000, 1_000_000} : parse(args);
        long[] delays = EventLoopBenchmark.exponentialDelays(RING, 1_000.0, 42);
        for (int pending : sizes) {
            double loopRate = bestLoop(pending, delays);
            double bareRate = bestBare(pending, delays);
            System.out.printf("pending %,9d: EventLoop %6.2f M/s, bare heap %6.2f M/s, ratio %.2f%n",
                    pending, loopRate / 1e6, bareRate / 1e6, loopRate / bareRate);
        }
    }

    private static int[] parse(String[] args) {
        int[] r = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            r[i] = Integer.parseInt(args[i]);
        }
        return r;
    }

    private static final class Hold implements Runnable {
        final EventLoop loop;
        final long[] delays;
        int next;
        int remaining;

        Hold(EventLoop loop, long[] delays) {
            this.loop = loop;
            this.delays = delays;
        }

        long delay() {
            long d = delays[next];
            next = (next + 1) & (RING - 1);
            return d;
        }

        @Override
        public void run() {
            loop.scheduleAfter(delay(), this);
            if (--remaining == 0) {
                loop.stop();
            }
        }
    }

    private static double bestLoop(int pending, long[] delays) {
        EventLoop loop = new EventLoop(1_000_000_000L);
        Hold hold = new Hold(loop, delays);
        for (int i = 0; i < pending; i++) {
            loop.scheduleAfter(hold.delay(), hold);
        }
        double best = 0;
        for (int r = 0; r < ROUNDS; r++) {
            hold.remaining = EVENTS;
            long t0 = System.nanoTime();
            loop.run();
            best = Math.max(best, EVENTS * 1e9 / (System.nanoTime() - t0));
        }
        return best;
    }

    private static double bestBare(int pending, long[] delays) {
        EventLoopBenchmark.BareHeap h = new EventLoopBenchmark.BareHeap(pending + 1);
        int next = 0;
        for (int i = 0; i < pending; i++) {
            h.push(1_000_000_000L + delays[next], i);
            next = (next + 1) & (RING - 1);
        }
        double best = 0;
        long sink = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                int id = h.pop();
                long t = h.keys[h.size];
                h.push(t + delays[next], id);
                next = (next + 1) & (RING - 1);
                sink += id;
            }
            best = Math.max(best, EVENTS * 1e9 / (System.nanoTime() - t0));
        }
        if (sink == 42) {
            System.out.print("");
        }
        return best;
    }
}
