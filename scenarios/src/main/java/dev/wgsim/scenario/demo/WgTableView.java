package dev.wgsim.scenario.demo;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.scenario.sim.AddressConversion;
import dev.wgsim.wg.device.PeerSnapshot;
import dev.wgsim.wg.device.WgDevice;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Questions the actions ask of wg0's cryptokey routing table, answered from the live device's snapshot. */
final class WgTableView {
    private final Supplier<WgDevice> device;
    private final DemoPeers peers;
    private final DemoScenario demo;

    WgTableView(Supplier<WgDevice> device, DemoPeers peers, DemoScenario demo) {
        this.device = device;
        this.peers = peers;
        this.demo = demo;
    }

    /** The peer's row in the device, or null when the device has no such peer. */
    PeerSnapshot snapshotOf(DemoPeer p) {
        for (PeerSnapshot s : device.get().snapshot().peers()) {
            if (s.publicKey().equals(p.key())) {
                return s;
            }
        }
        return null;
    }

    /** wg0's current sending key for {@code peer}, shortened, or null without a session. */
    String shortSessionKey(String peer) {
        DemoPeer p = peers.find(peer);
        PeerSnapshot s = p == null ? null : snapshotOf(p);
        PeerSnapshot.Session session = s == null ? null : s.currentSession();
        return session == null ? null : DemoPeers.shorten(session.sendKeyBase64());
    }

    /** The peer's endpoint as wg show prints it, or "(none)". */
    String endpointOf(DemoPeer p) {
        PeerSnapshot s = snapshotOf(p);
        return s == null || s.endpoint() == null ? "(none)" : AddressConversion.endpointText(s.endpoint());
    }

    /** The peer's own inner address when its allowed IPs cover it, else the first address they cover. */
    IpAddress sendTarget(DemoPeer p) {
        PeerSnapshot s = snapshotOf(p);
        if (p.tunnelAddress() != null && s != null) {
            for (dev.wgsim.net.IpPrefix a : s.allowedIps()) {
                if (a.contains(p.tunnelAddress())) {
                    return p.tunnelAddress();
                }
            }
        }
        IpAddress first = firstAllowed(p);
        if (first == null) {
            throw new DemoInputException("peer", p.name() + " has no allowed IPs, so " + demo.wgSpec().interfaceName()
                    + " can route nothing to it");
        }
        return first;
    }

    /** The first host address of the peer's first allowed IP, or null when it has none. */
    IpAddress firstAllowed(DemoPeer p) {
        PeerSnapshot s = snapshotOf(p);
        return s == null || s.allowedIps().isEmpty() ? null
                : PeerForm.firstHost(s.allowedIps().get(0));
    }

    /** Every allowed-IPs prefix with the name of the peer that has it. */
    Map<IpPrefix, String> ownedPrefixes() {
        Map<IpPrefix, String> owned = new LinkedHashMap<>();
        for (PeerSnapshot s : device.get().snapshot().peers()) {
            for (dev.wgsim.net.IpPrefix a : s.allowedIps()) {
                owned.put(a, peers.nameOf(s.publicKey()));
            }
        }
        return owned;
    }

    /** An address in wg0's subnet used by nobody (for a spoof with no other peer, or a new peer). */
    IpAddress freeInnerAddress() {
        return AddressPool.freeInner(demo.wgSpec().addresses().get(0).subnet(), demo.wgAddress(), peers,
                device.get().snapshot().peers());
    }
}
