package dev.wgsim.engine.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.net.DropReason;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.TestNets;
import dev.wgsim.engine.net.UdpSocket;
import dev.wgsim.engine.random.Distributions;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Statistical tests use fixed seeds; each tolerance is stated next to its assertion in standard
 * errors of the estimate, so a correct model fails with negligible probability and a wrong one
 * (e.g. a loss rate off by 10%) fails for sure.
 */
class LinkTest {

    /** Sends {@code n} datagrams of {@code size} bytes, one every {@code gap} ns, each carrying its index. */
    private static List<TestNets.Received> run(TestNets.Pair p, int n, long gap, int size) {
        List<TestNets.Received> got = TestNets.collect(p.b(), 9);
        UdpSocket s = p.a().bind(1000, (now, src, dst, x) -> { });
        for (int i = 0; i < n; i++) {
            int seq = i;
            p.net().at(i * gap, () -> s.send(TestNets.B_PORT_9, ByteBuffer.allocate(size).putInt(seq).array()));
        }
        p.net().loop().run();
        return got;
    }

    private static int seq(TestNets.Received r) {
        return ByteBuffer.wrap(r.payload()).getInt();
    }

    @Test
    void bernoulliLossRate() {
        int n = 100_000;
        TestNets.Pair p = TestNets.pair(42, LinkConfig.builder().lossProbability(0.1).build());
        int delivered = run(p, n, 1_000, 8).size();
        long lost = p.net().drops(DropReason.LOSS);
        assertEquals(n, delivered + lost);
        // sd = sqrt(n p (1-p)) = 94.9 packets; tolerance 4 sd
        assertEquals(10_000, lost, 380);
    }

    @Test
    void gilbertElliottBurstLengthAndStationaryLoss() {
        int n = 200_000;
        LossModel.GilbertElliott ge = LossModel.GilbertElliott.gilbert(0.01, 0.25);
        TestNets.Pair p = TestNets.pair(7, LinkConfig.builder().loss(ge).build());
        List<TestNets.Received> got = run(p, n, 1_000, 8);
        boolean[] arrived = new boolean[n];
        for (TestNets.Received r : got) {
            arrived[seq(r)] = true;
        }
        int bursts = 0;
        int lostTotal = 0;
        for (int i = 0; i < n; i++) {
            if (!arrived[i]) {
                lostTotal++;
                if (i == 0 || arrived[i - 1]) {
                    bursts++;
                }
            }
        }
        double meanBurst = (double) lostTotal / bursts;
        // bad runs are geometric with mean 1/r = 4, sd sqrt(1-r)/r = 3.46; ~1900 bursts -> se 0.08; tolerance 5 se
        assertEquals(ge.meanBadRun(), meanBurst, 0.4);
        // stationary loss p/(p+r) = 0.0385; correlation (lambda = 1-p-r = 0.74) inflates the variance 6.7x:
        // se = sqrt(0.037 * 6.7 / n) = 0.0011; tolerance 4.5 se
        assertEquals(ge.stationaryLoss(), (double) lostTotal / n, 0.005);
        assertEquals(lostTotal, p.net().drops(DropReason.LOSS));
    }

    @Test
    void delayDistributionMean() {
        int n = 20_000;
        TestNets.Pair p = TestNets.pair(9, LinkConfig.builder().delay(Distributions.exponential(10_000_000)).build());
        List<TestNets.Received> got = run(p, n, 100_000, 8);
        double sum = 0;
        for (TestNets.Received r : got) {
            sum += r.time() - seq(r) * 100_000L;
        }
        // exponential: sd = mean = 10 ms; se over 20,000 = 0.071 ms; tolerance 5 se
        assertEquals(10_000_000, sum / n, 350_000);
    }

    @Test
    void rateLimitedThroughputEqualsTheRateAndOverloadFillsTheQueue() {
        long rate = 1_000_000;
        TestNets.Pair p = TestNets.pair(1, LinkConfig.builder().rateBitsPerSecond(rate).queuePackets(50).build());
        int size = 972; // 1000-byte IPv4 packets: 8 ms each at 1 Mbit/s
        int n = 2_500;  // one every 4 ms for 10 s: offered load 2 Mbit/s
        List<TestNets.Received> got = run(p, n, 4_000_000, size);
        long bytesInWindow = got.stream().filter(r -> r.time() > 1_000_000_000L && r.time() <= 9_000_000_000L)
                .mapToLong(r -> r.payload().length + 28).sum();
        // exact: the transmitter is never idle after the queue fills; one packet of slack at the window edges
        assertEquals(rate / 8 * 8, bytesInWindow, 1000);
        long drops = p.net().drops(DropReason.QUEUE_FULL);
        assertEquals(n, got.size() + drops);
        // the link carries 1 packet per 8 ms while 2 arrive: about half are dropped once the queue of 50 is full
        assertEquals(n / 2 - 25, drops, 30);
        // packets spaced exactly by the serialization time
        assertEquals(8_000_000, got.get(100).time() - got.get(99).time());
    }

    @Test
    void aBurstFillsTheDropTailQueueToExactlyItsLimit() {
        // 300 packets at once into a queue of 200 (the one being serialized included): the first
        // 200 are kept, in order, and the last 100 dropped (drop-tail), whatever the queue's storage.
        TestNets.Pair p = TestNets.pair(2, LinkConfig.builder().rateBitsPerSecond(1_000_000).queuePackets(200).build());
        List<TestNets.Received> got = run(p, 300, 0, 972);
        assertEquals(200, got.size());
        assertEquals(100, p.net().drops(DropReason.QUEUE_FULL));
        for (int i = 0; i < got.size(); i++) {
            assertEquals(i, seq(got.get(i)));
        }
        // And once it has drained, a second burst is held the same way.
        TestNets.Pair q = TestNets.pair(3, LinkConfig.builder().rateBitsPerSecond(1_000_000).queuePackets(200).build());
        List<TestNets.Received> twice = TestNets.collect(q.b(), 9);
        UdpSocket s = q.a().bind(1000, (now, src, dst, x) -> { });
        for (int burst = 0; burst < 2; burst++) {
            for (int i = 0; i < 300; i++) {
                int seq = burst * 1000 + i;
                q.net().at(burst * 10_000_000_000L, () -> s.send(TestNets.B_PORT_9, ByteBuffer.allocate(972).putInt(seq).array()));
            }
        }
        q.net().loop().run();
        assertEquals(400, twice.size());
        assertEquals(200, q.net().drops(DropReason.QUEUE_FULL));
        assertEquals(1199, seq(twice.get(399)));
    }

    @Test
    void jitterReordersOnlyWhenAllowed() {
        for (boolean allowed : new boolean[] {true, false}) {
            TestNets.Pair p = TestNets.pair(5, LinkConfig.builder().delayNanos(10_000_000).jitterNanos(5_000_000)
                    .jitterReorders(allowed).build());
            List<TestNets.Received> got = run(p, 2_000, 1_000_000, 8);
            int inversions = 0;
            for (int i = 1; i < got.size(); i++) {
                if (seq(got.get(i)) < seq(got.get(i - 1))) {
                    inversions++;
                }
            }
            assertEquals(2_000, got.size());
            if (allowed) {
                assertTrue(inversions > 100, "±5 ms jitter on 1 ms spacing reorders often: " + inversions);
            } else {
                assertEquals(0, inversions);
            }
        }
    }

    @Test
    void reorderProbabilityLetsPacketsSkipTheDelay() {
        TestNets.Pair p = TestNets.pair(11, LinkConfig.builder().delayNanos(10_000_000).reorderProbability(0.25).build());
        List<TestNets.Received> got = run(p, 10_000, 1_000_000, 8);
        long immediate = got.stream().filter(r -> r.time() == seq(r) * 1_000_000L).count();
        // binomial sd = 43; tolerance 4 sd
        assertEquals(2_500, immediate, 175);
        assertEquals(10_000, got.size());
    }

    @Test
    void duplication() {
        TestNets.Pair p = TestNets.pair(12, LinkConfig.builder().duplicateProbability(0.05).build());
        List<TestNets.Received> got = run(p, 20_000, 1_000, 8);
        // binomial sd = 30.8; tolerance 4 sd
        assertEquals(21_000, got.size(), 125);
    }

    @Test
    void corruptionIsDiscardedByTheReceiversChecksum() {
        TestNets.Pair p = TestNets.pair(13, LinkConfig.builder().corruptProbability(0.02).build());
        List<TestNets.Received> got = run(p, 20_000, 1_000, 8);
        long bad = p.net().drops(DropReason.BAD_CHECKSUM);
        assertEquals(20_000, got.size() + bad);
        // binomial sd = 19.8; tolerance 4 sd
        assertEquals(400, bad, 80);
    }

    @Test
    void mtuAndLinkDown() {
        TestNets.Pair p = TestNets.pair(1, LinkConfig.builder().mtu(576).delayNanos(5_000).build());
        p.link().scheduleOutage(10_000, 20_000);
        List<TestNets.Received> got = TestNets.collect(p.b(), 9);
        UdpSocket s = p.a().bind(1000, (now, src, dst, x) -> { });
        p.net().at(0, () -> s.send(TestNets.B_PORT_9, new byte[548]));   // 576 bytes: fits
        p.net().at(1, () -> s.send(TestNets.B_PORT_9, new byte[549]));   // 577: too big
        p.net().at(7_000, () -> s.send(TestNets.B_PORT_9, new byte[1])); // in flight when the link goes down
        p.net().at(15_000, () -> s.send(TestNets.B_PORT_9, new byte[1])); // offered while down
        p.net().at(20_000, () -> s.send(TestNets.B_PORT_9, new byte[1])); // back up
        p.net().loop().run();
        assertEquals(2, got.size());
        assertEquals(1, p.net().drops(DropReason.MTU));
        assertEquals(2, p.net().drops(DropReason.LINK_DOWN));
        assertFalse(got.stream().anyMatch(r -> r.payload().length == 549));
    }

    @Test
    void badConfigurationNamesTheField() {
        assertMessage("delay", () -> LinkConfig.builder().delayNanos(-1));
        assertMessage("jitter", () -> LinkConfig.builder().jitterNanos(-5).build());
        assertMessage("loss", () -> LinkConfig.builder().lossProbability(1.5).build());
        assertMessage("loss", () -> LinkConfig.builder().lossProbability(-0.1).build());
        assertMessage("loss.r", () -> new LossModel.GilbertElliott(0.1, 2, 0, 1));
        assertMessage("queue", () -> LinkConfig.builder().queuePackets(0).build());
        assertMessage("mtu", () -> LinkConfig.builder().mtu(67).build());
        assertMessage("rate", () -> LinkConfig.builder().rateBitsPerSecond(-1).build());
        assertMessage("duplicate", () -> LinkConfig.builder().duplicateProbability(Double.NaN).build());
        assertMessage("reorder", () -> LinkConfig.builder().reorderProbability(2).build());
        assertMessage("corrupt", () -> LinkConfig.builder().corruptProbability(-1).build());
    }

    private static void assertMessage(String field, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().startsWith(field), ex.getMessage());
    }

    @Test
    void packetsAreShownToLinkObservers() {
        TestNets.Pair p = TestNets.pair(1, LinkConfig.builder().lossProbability(1).build());
        List<IpPacket> seen = new java.util.ArrayList<>();
        p.link().addObserver((now, packet) -> seen.add(packet));
        run(p, 3, 10, 8);
        assertEquals(3, seen.size(), "captured at the sending side, before the loss");
    }
}
