package dev.wgsim.scenario.model;

import dev.wgsim.engine.net.InterfaceAddress;
import dev.wgsim.engine.net.IpPrefix;
import java.util.List;
import java.util.Optional;

/**
 * One node's WireGuard interface.
 *
 * @param privateKey   given in the file, or derived from (seed, node name) when {@code keyDerived}
 * @param listenPort   UDP port, or 0 when the interface only initiates (a port is then picked by the engine)
 * @param addresses    interface addresses with their subnet ({@code 10.0.0.1/24})
 * @param advertise    networks behind this node that topology helpers route to it (site-to-site)
 * @param config       a wg-quick file this interface was imported from, if any
 */
public record WireGuardSpec(
        String interfaceName,
        Key32 privateKey,
        boolean keyDerived,
        int listenPort,
        List<InterfaceAddress> addresses,
        List<IpPrefix> advertise,
        List<PeerSpec> peers,
        TimerSpec timers,
        Optional<String> config) {

    public WireGuardSpec {
        addresses = List.copyOf(addresses);
        advertise = List.copyOf(advertise);
        peers = List.copyOf(peers);
    }

    public WireGuardSpec withPeers(List<PeerSpec> newPeers) {
        return new WireGuardSpec(interfaceName, privateKey, keyDerived, listenPort, addresses, advertise, newPeers, timers, config);
    }
}
