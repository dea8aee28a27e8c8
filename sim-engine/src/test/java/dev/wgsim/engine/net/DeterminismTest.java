package dev.wgsim.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.app.FlowSink;
import dev.wgsim.engine.app.PingApp;
import dev.wgsim.engine.app.UdpSource;
import dev.wgsim.engine.link.Link;
import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.engine.link.LossModel;
import dev.wgsim.engine.nat.Nat;
import dev.wgsim.engine.nat.NatConfig;
import dev.wgsim.engine.random.Distributions;
import dev.wgsim.engine.trace.JsonLines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same seed gives the same event log line for line; another seed gives another. */
class DeterminismTest {
    static final long S = 1_000_000_000L;

    static List<String> run(long seed) {
        Network net = new Network(seed);
        List<String> log = new ArrayList<>();
        net.trace().subscribe(e -> log.add(JsonLines.toJson(e)));
        Host phone = net.addHost("phone");
        Host home = net.addHost("home");
        Host server = net.addHost("server");
        LinkConfig lossy = LinkConfig.builder().delay(Distributions.normal(20_000_000, 5_000_000)).jitterNanos(2_000_000)
                .loss(LossModel.GilbertElliott.gilbert(0.02, 0.3)).duplicateProbability(0.01).reorderProbability(0.01)
                .rateBitsPerSecond(2_000_000).queuePackets(20).build();
        Link lan = TestNets.connect(net, "lan", phone, "wlan0", "192.168.1.10/24", home, "lan", "192.168.1.1/24", lossy, lossy);
        Link wan = TestNets.connect(net, "wan", home, "wan", "203.0.113.2/24", server, "eth0", "203.0.113.1/24",
                LinkConfig.ideal(), LinkConfig.ideal());
        phone.setDefaultRoute(lan.a());
        home.setDefaultRoute(wan.a());
        Nat nat = new Nat(net, "home", home, wan.a(), NatConfig.builder()
                .mapping(dev.wgsim.engine.nat.Behavior.ADDRESS_AND_PORT_DEPENDENT).ports(dev.wgsim.engine.nat.PortAllocation.RANDOM).build());
        new FlowSink(server, 5001);
        UdpSource.poisson(phone, "voice", Endpoint.parse("203.0.113.1:5001"), 200, 20_000_000).start(0, 20 * S);
        new PingApp(phone, "ping", IpAddress.parse("203.0.113.1"), S / 2, 30, 56).start(0);
        net.at(8 * S, () -> phone.setAddress(lan.a(), InterfaceAddress.parse("192.168.1.11/24")));
        nat.scheduleReboot(12 * S);
        lan.scheduleOutage(15 * S, 16 * S);
        net.loop().runUntil(60 * S);
        return log;
    }

    @Test
    void sameSeedSameTraceOtherSeedDifferent() {
        List<String> a = run(2026);
        List<String> b = run(2026);
        List<String> c = run(2027);
        assertTrue(a.size() > 3000, "a busy trace: " + a.size());
        assertEquals(a, b);
        assertNotEquals(a, c);
        for (String kind : new String[] {"packet.sent", "packet.delivered", "packet.dropped", "link.state",
            "nat.mapping.created", "nat.mapping.expired", "nat.reboot", "host.address.changed", "flow.delivered", "ping.reply"}) {
            assertTrue(a.stream().anyMatch(l -> l.contains("\"kind\":\"" + kind + "\"")), kind);
        }
    }
}
