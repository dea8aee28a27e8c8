package dev.wgsim.engine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.random.Distribution;
import dev.wgsim.engine.random.Distributions;
import dev.wgsim.engine.random.RandomStream;
import dev.wgsim.engine.random.RandomStreams;
import dev.wgsim.engine.time.EventLoop;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The engine's own pieces together (clock, named streams, trace, JSON-lines sink): a seeded run
 * is byte-identical when repeated and differs under another seed. Two runs also interleave in
 * one JVM without affecting each other.
 */
class DeterminismTest {

    record Arrival(long timeNanos, String source, long seq, long bytes, boolean lost, double delayMs) implements TraceEvent {
        @Override
        public String kind() {
            return lost ? "packet.dropped" : "packet.delivered";
        }

        @Override
        public void writeFields(JsonFields out) {
            out.put("node", source).put("seq", seq).put("bytes", bytes);
            if (lost) {
                out.put("reason", "loss");
            } else {
                out.put("delay_ms", delayMs);
            }
        }
    }

    /** Three Poisson sources with random sizes, loss and delay; some sources cancel a timer. */
    private static final class Run {
        final EventLoop loop = new EventLoop(1_000_000_000L);
        final Trace trace = new Trace();
        final StringWriter out = new StringWriter();
        final JsonLinesSink sink = new JsonLinesSink(out);

        Run(long seed, String... sources) {
            trace.subscribe(sink);
            RandomStreams streams = new RandomStreams(seed);
            for (String name : sources) {
                RandomStream gaps = streams.stream("app/" + name + "/gaps");
                RandomStream loss = streams.stream("link/" + name + "/loss");
                RandomStream sizes = streams.stream("app/" + name + "/sizes");
                Distribution delay = Distributions.logNormal(1.0, 0.5);
                RandomStream delays = streams.stream("link/" + name + "/delay");
                long[] seq = {0};
                long[] watchdog = {EventLoop.NO_EVENT};
                Runnable[] send = new Runnable[1];
                send[0] = () -> {
                    long s = seq[0]++;
                    boolean lost = loss.bernoulli(0.1);
                    double d = delay.sample(delays);
                    long bytes = 64 + sizes.nextInt(1400);
                    loop.scheduleAfter((long) (d * 1e6), () -> {
                        if (trace.active()) {
                            trace.emit(new Arrival(loop.now(), name, s, bytes, lost, d));
                        }
                    });
                    loop.cancel(watchdog[0]);
                    watchdog[0] = loop.scheduleAfter(50_000_000, () -> {
                        throw new AssertionError("watchdog should always be re-armed before it fires");
                    });
                    if (s < 300) {
                        loop.scheduleAfter((long) gaps.exponential(2e6), send[0]);
                    } else {
                        loop.cancel(watchdog[0]);
                    }
                };
                loop.scheduleAfter(0, send[0]);
            }
        }

        String finish() throws IOException {
            loop.run();
            sink.close();
            return out.toString();
        }
    }

    @Test
    void sameSeedSameBytesOtherSeedDifferent() throws IOException {
        String a = new Run(1, "phone", "laptop", "server").finish();
        String b = new Run(1, "phone", "laptop", "server").finish();
        String c = new Run(2, "phone", "laptop", "server").finish();
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(3 * 301, a.lines().count());
        assertTrue(a.contains("\"reason\":\"loss\""));
    }

    @Test
    void runsInterleavedInOneJvmDoNotInterfere() throws IOException {
        String alone = new Run(7, "phone", "laptop").finish();
        Run x = new Run(7, "phone", "laptop");
        Run y = new Run(8, "phone", "laptop");
        // Step both loops alternately in small windows.
        for (long t = 1_000_000_000L; x.loop.pendingCount() + y.loop.pendingCount() > 0; t += 3_000_000) {
            x.loop.runUntil(Math.max(t, x.loop.now()));
            y.loop.runUntil(Math.max(t, y.loop.now()));
        }
        assertEquals(alone, x.finish());
    }

    @Test
    void addingASourceDoesNotChangeTheOthersDraws() throws IOException {
        String two = new Run(3, "phone", "laptop").finish();
        String three = new Run(3, "phone", "tablet", "laptop").finish();
        // Keep only the phone's and laptop's lines: they must be identical, in the same order.
        String twoFiltered = two.lines().filter(l -> !l.contains("\"tablet\"")).reduce("", (s, l) -> s + l + "\n");
        String threeFiltered = three.lines().filter(l -> !l.contains("\"tablet\"")).reduce("", (s, l) -> s + l + "\n");
        assertEquals(twoFiltered, threeFiltered);
        assertNotEquals(two, three);
    }
}
