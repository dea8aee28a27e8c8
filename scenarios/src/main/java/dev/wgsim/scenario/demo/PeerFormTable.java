package dev.wgsim.scenario.demo;

import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPrefix;
import dev.wgsim.engine.net.Network;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.WgDevice;
import java.util.Map;
import java.util.function.Supplier;

/** The Add peer form's checks' read-only view of wg0 and the network, as it is at the moment of checking. */
final class PeerFormTable implements PeerForm.Table {
    private final Supplier<WgDevice> device;
    private final Supplier<Network> network;
    private final DemoPeers peers;
    private final WgTableView table;
    private final DemoScenario demo;

    PeerFormTable(Supplier<WgDevice> device, Supplier<Network> network, DemoPeers peers, WgTableView table, DemoScenario demo) {
        this.device = device;
        this.network = network;
        this.peers = peers;
        this.table = table;
        this.demo = demo;
    }

    @Override
    public boolean nameTaken(String name) {
        return peers.has(name) || hostExists(network.get(), name);
    }

    @Override
    public String holderOf(PublicKey key) {
        return key.equals(device.get().publicKey()) ? PeerForm.SELF : peers.holderOf(key);
    }

    @Override
    public Map<IpPrefix, String> ownedPrefixes() {
        return table.ownedPrefixes();
    }

    @Override
    public boolean outerAddressInUse(IpAddress a) {
        return AddressPool.outerInUse(network.get(), a);
    }

    @Override
    public boolean innerAddressInUse(IpAddress a) {
        return a.equals(demo.wgAddress()) || peers.innerAddressInUse(a);
    }

    @Override
    public IpAddress freeInnerAddress() {
        return table.freeInnerAddress();
    }

    static boolean hostExists(Network net, String name) {
        return net.hosts().stream().anyMatch(h -> h.name().equals(name));
    }
}
