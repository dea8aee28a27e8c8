package dev.wgsim.engine.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.engine.metrics.FlowMetrics;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.TestNets;
import dev.wgsim.engine.random.Distributions;
import dev.wgsim.net.IpAddress;
import org.junit.jupiter.api.Test;

class AppsTest {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    static final Endpoint SINK = Endpoint.parse("10.0.0.2:5001");

    @Test
    void constantBitRateFlowRecordsDeliveredBytesAndOneWayLatency() {
        TestNets.Pair p = TestNets.pair(1, LinkConfig.builder().delayNanos(3 * MS).build());
        FlowSink sink = new FlowSink(p.b(), 5001);
        UdpSource cbr = UdpSource.constantBitRate(p.a(), "video", SINK, 1000, 10 * MS);
        cbr.start(0, 10 * S);
        p.net().loop().runUntil(11 * S);
        FlowMetrics m = p.net().metrics().flow("video");
        assertEquals(1000, cbr.sent());
        assertEquals(1000, m.sentPackets());
        assertEquals(1000, m.deliveredPackets());
        assertEquals(1_000_000, m.deliveredBytes());
        assertEquals(3 * MS, m.oneWayLatency().getMaxValue(), 3 * MS / 1000.0 * 2, "HdrHistogram 3 significant digits");
        assertEquals(1000, sink.received());
    }

    @Test
    void poissonSourceHasTheConfiguredMeanRate() {
        TestNets.Pair p = TestNets.pair(2, LinkConfig.ideal());
        new FlowSink(p.b(), 5001);
        UdpSource src = UdpSource.poisson(p.a(), "poisson", SINK, 100, 2 * MS);
        src.start(0, 100 * S);
        p.net().loop().runUntil(100 * S);
        // 50,000 expected arrivals; Poisson sd = 224; tolerance 4 sd
        assertEquals(50_000, src.sent(), 900);
        assertEquals(src.sent(), p.net().metrics().flow("poisson").deliveredPackets());
    }

    @Test
    void onOffSourceSendsOnlyDuringBursts() {
        TestNets.Pair p = TestNets.pair(3, LinkConfig.ideal());
        new FlowSink(p.b(), 5001);
        UdpSource src = UdpSource.onOff(p.a(), "bursty", SINK, 100, MS,
                Distributions.exponential(100 * MS), Distributions.exponential(300 * MS));
        src.start(0, 200 * S);
        p.net().loop().runUntil(200 * S);
        // on 1/4 of the time at 1,000 packets/s: about 50,000 packets; renewal-process noise is large
        // (about 2,000 cycles), so the tolerance is 15%
        assertEquals(50_000, src.sent(), 7_500);
    }

    @Test
    void paretoOnOffIsAccepted() {
        TestNets.Pair p = TestNets.pair(3, LinkConfig.ideal());
        new FlowSink(p.b(), 5001);
        UdpSource src = UdpSource.onOff(p.a(), "pareto", SINK, 100, MS,
                Distributions.pareto(50 * MS, 1.5), Distributions.pareto(50 * MS, 1.5));
        src.start(0, 20 * S);
        p.net().loop().runUntil(20 * S);
        assertTrue(src.sent() > 1000 && src.sent() < 20_000, "sent " + src.sent());
    }

    @Test
    void pingMeasuresRttAndCountsLoss() {
        TestNets.Pair p = TestNets.pair(4, LinkConfig.builder().delayNanos(5 * MS).lossProbability(0.2).build());
        PingApp ping = new PingApp(p.a(), "ping", IpAddress.parse("10.0.0.2"), 100 * MS, 1000, 56);
        ping.start(0);
        p.net().loop().run();
        assertEquals(1000, ping.sent());
        assertEquals(ping.sent(), ping.received() + ping.lost());
        // requests lost with p = 0.2 (replies travel an ideal link): binomial sd 12.6; tolerance 4 sd
        assertEquals(200, ping.lost(), 50);
        FlowMetrics m = p.net().metrics().flow("ping");
        assertEquals(5 * MS, m.roundTripTime().getMinValue(), 5 * MS / 500.0);
        assertEquals(5 * MS, m.roundTripTime().getMaxValue(), 5 * MS / 500.0);
    }

    @Test
    void bulkTransferIsPacedByItsWindow() {
        // 10 Mbit/s and 10 ms towards the sink, acks back over an ideal link: RTT = 10 ms + 0.82 ms serialization,
        // so a window of 10 x 1,000 B gives about 7.4 Mbit/s (window-limited, below the 10 Mbit/s rate)
        LinkConfig path = LinkConfig.builder().delayNanos(10 * MS).rateBitsPerSecond(10_000_000).build();
        TestNets.Pair p = TestNets.pair(5, path);
        new FlowSink(p.b(), 5001, true);
        BulkTransfer bulk = new BulkTransfer(p.a(), "bulk", SINK, 1_000_000, 1000, 10, 1 * S);
        bulk.start(0);
        p.net().loop().run();
        assertEquals(1000, bulk.acknowledged());
        assertEquals(0, bulk.timedOut());
        double seconds = bulk.completedAt() / 1e9;
        double rtt = 10 * MS / 1e9 + 1028 * 8 / 10e6;
        assertEquals(100 * rtt, seconds, 0.05 * seconds, "100 windows of one RTT each");
        assertEquals(1_000_000, p.net().metrics().flow("bulk").deliveredBytes());
    }

    @Test
    void badApplicationConfigurationNamesTheFlow() {
        TestNets.Pair p = TestNets.pair(1, LinkConfig.ideal());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> UdpSource.constantBitRate(p.a(), "video", SINK, 10, MS)).getMessage().startsWith("flow video: size"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> UdpSource.poisson(p.a(), "v2", SINK, 100, 0)).getMessage().startsWith("flow v2: mean interval"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new PingApp(p.a(), "p", IpAddress.parse("10.0.0.2"), MS, 0, 56)).getMessage().startsWith("ping p: count"));
    }
}
