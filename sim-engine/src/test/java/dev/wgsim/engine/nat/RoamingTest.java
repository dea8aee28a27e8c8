package dev.wgsim.engine.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.link.Link;
import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.InterfaceAddress;
import dev.wgsim.engine.net.IpPrefix;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.TestNets;
import dev.wgsim.engine.net.UdpSocket;
import dev.wgsim.engine.trace.JsonLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A phone leaves Wi-Fi (behind a home NAT) for LTE (behind a carrier NAT) while talking to a server. */
class RoamingTest {
    static final long S = 1_000_000_000L;

    @Test
    void wifiToLteNewSourceRepliesFollowOldMappingExpires() {
        Network net = new Network(1);
        List<String> log = new ArrayList<>();
        net.trace().subscribe(e -> log.add(JsonLines.toJson(e)));
        LinkConfig wire = LinkConfig.builder().delayNanos(5_000_000).build();
        Host phone = net.addHost("phone");
        Host home = net.addHost("home");
        Host carrier = net.addHost("carrier");
        Host inet = net.addRouter("inet");
        Host server = net.addHost("server");
        Link wifi = Link.connect(net, "wifi", phone, "wlan0", InterfaceAddress.parse("192.168.1.10/24"),
                home, "lan", InterfaceAddress.parse("192.168.1.1/24"), wire, wire);
        Link lte = Link.connect(net, "lte", phone, "lte0", InterfaceAddress.parse("10.20.0.5/24"),
                carrier, "ran", InterfaceAddress.parse("10.20.0.1/24"), wire, wire);
        Link homeUp = Link.connect(net, "home-inet", home, "wan", InterfaceAddress.parse("100.64.0.2/24"),
                inet, "i0", InterfaceAddress.parse("100.64.0.1/24"), wire, wire);
        Link carrierUp = Link.connect(net, "carrier-inet", carrier, "wan", InterfaceAddress.parse("100.65.0.2/24"),
                inet, "i1", InterfaceAddress.parse("100.65.0.1/24"), wire, wire);
        Link srv = Link.connect(net, "server-inet", server, "eth0", InterfaceAddress.parse("198.51.100.1/24"),
                inet, "i2", InterfaceAddress.parse("198.51.100.254/24"), wire, wire);
        phone.setDefaultRoute(wifi.a());
        home.setDefaultRoute(homeUp.a());
        carrier.setDefaultRoute(carrierUp.a());
        server.setDefaultRoute(srv.a());
        inet.addRoute(IpPrefix.parse("198.51.100.1/32"), srv.b());
        new Nat(net, "home", home, homeUp.a(), NatConfig.linuxMasquerade());
        new Nat(net, "carrier", carrier, carrierUp.a(), NatConfig.preset("hard"));

        List<TestNets.Received> atServer = new ArrayList<>();
        UdpSocket[] echo = new UdpSocket[1];
        echo[0] = server.bind(51820, (now, src, dst, payload) -> {
            atServer.add(new TestNets.Received(now, src, dst, payload));
            echo[0].send(src, payload);
        });
        List<TestNets.Received> atPhone = TestNets.collect(phone, 51820);
        Endpoint serverEp = Endpoint.parse("198.51.100.1:51820");
        for (int i = 0; i < 20; i++) {
            net.at(i * S, () -> phone.sendUdp(51820, serverEp, new byte[1]));
        }
        phone.scheduleRoam(10 * S + S / 2, wifi.a(), lte.a());
        net.loop().runUntil(45 * S);

        Set<String> before = atServer.stream().filter(r -> r.time() < 10 * S).map(r -> r.source().address().toString())
                .collect(Collectors.toSet());
        Set<String> after = atServer.stream().filter(r -> r.time() > 11 * S).map(r -> r.source().address().toString())
                .collect(Collectors.toSet());
        assertEquals(Set.of("100.64.0.2"), before);
        assertEquals(Set.of("100.65.0.2"), after, "new packets carry the carrier NAT's address");
        assertEquals(20, atPhone.size(), "replies reach the same bound socket before and after the move");
        List<String> expired = log.stream().filter(l -> l.contains("nat.mapping.expired") && l.contains("\"nat\":\"home\"")).toList();
        assertEquals(1, expired.size());
        // the last packet through the home NAT is the echo of the 10 s request, inbound at 10.025 s (inbound refreshes)
        assertTrue(expired.get(0).startsWith("{\"t\":40025000000,"), "home mapping expires 30 s after its last packet: " + expired);
        assertTrue(log.stream().anyMatch(l -> l.contains("host.address.changed") && l.contains("\"new\":\"10.20.0.5/24\"")));
    }
}
