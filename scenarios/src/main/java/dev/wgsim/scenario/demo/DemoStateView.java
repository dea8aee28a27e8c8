package dev.wgsim.scenario.demo;

import dev.wgsim.engine.net.InterfaceAddress;
import dev.wgsim.scenario.sim.AddressConversion;
import dev.wgsim.scenario.sim.OuterNetwork;
import dev.wgsim.wg.device.Constants;
import dev.wgsim.wg.device.PeerSnapshot;
import dev.wgsim.wg.device.WgDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * Projects the live simulation onto what the page draws ({@link DemoState}): wg0's table from the
 * real device's snapshot, each row's outer address from the network, and the topology around wg0.
 */
final class DemoStateView {
    private final DemoScenario demo;
    private final DemoPeers peers;

    DemoStateView(DemoScenario demo, DemoPeers peers) {
        this.demo = demo;
        this.peers = peers;
    }

    DemoState project(WgDevice dev, OuterNetwork outer, long now, DemoState.Packet lastPacket, String message) {
        List<DemoState.Peer> rows = new ArrayList<>();
        for (PeerSnapshot s : dev.snapshot().peers()) {
            String name = peers.nameOf(s.publicKey());
            DemoPeer info = peers.find(name);
            boolean simulated = info != null && info.host() != null;
            PeerSnapshot.Session session = s.currentSession();
            rows.add(new DemoState.Peer(name, s.publicKey().toBase64(),
                    s.allowedIps().stream().map(Object::toString).toList(),
                    s.endpoint() == null ? null : AddressConversion.endpointText(s.endpoint()),
                    session == null ? null : session.sendKeyBase64(),
                    session == null ? null : session.sendCounter(),
                    s.hasHandshake() ? s.latestHandshakeNanos() : -1,
                    s.rxBytes(), s.txBytes(), s.persistentKeepaliveSeconds(),
                    simulated,
                    simulated ? String.valueOf(outer.outerAddress(info.host())) : null,
                    info != null && info.tunnelAddress() != null ? info.tunnelAddress().toString() : null,
                    KeyAges.slots(dev, s.publicKey())));
        }
        InterfaceAddress wgAddr = demo.wgSpec().addresses().isEmpty() ? null : demo.wgSpec().addresses().get(0);
        Constants c = dev.constants();
        DemoState.Iface iface = new DemoState.Iface(demo.wgSpec().interfaceName(), demo.wgNode(),
                wgAddr == null ? "" : wgAddr.toString(), dev.listenPort(), dev.publicKey().toBase64(),
                String.valueOf(outer.outerAddress(demo.wgNode())), c.rekeyAfterTime(), c.rejectAfterTime(),
                Long.toUnsignedString(c.rekeyAfterMessages()));
        return new DemoState(demo.original().name(), demo.original().description(), now, iface, rows, topology(outer),
                lastPacket, message);
    }

    private List<DemoState.Node> topology(OuterNetwork outer) {
        List<DemoState.Node> out = new ArrayList<>();
        out.add(new DemoState.Node(demo.wgNode(), "wg", String.valueOf(outer.outerAddress(demo.wgNode()))));
        out.add(new DemoState.Node(demo.routerOf(demo.wgNode()), "router", null));
        for (DemoPeer p : peers.all()) {
            if (p.host() != null) {
                out.add(new DemoState.Node(p.host(), "peer", String.valueOf(outer.outerAddress(p.host()))));
            } else {
                out.add(new DemoState.Node(p.name(), "unknown", null));
            }
        }
        return out;
    }
}
