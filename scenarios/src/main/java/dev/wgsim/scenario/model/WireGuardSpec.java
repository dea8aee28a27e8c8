package dev.wgsim.scenario.model;

import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpPrefix;
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
 * @param mtu          the tunnel interface's MTU, or {@link #MTU_AUTO} for wg-quick's choice: the uplink's
 *                     MTU minus 80 (1420 on a 1500-byte link)
 * @param table        where routes to the peers' allowed IPs go, as wg-quick's Table: {@link #TABLE_AUTO}
 *                     (the main table, and a /0 in its own table with policy rules), {@link #TABLE_OFF}
 *                     (no routes), or a table number
 * @param fwmark       the mark on WireGuard's own datagrams (0: none; a /0 with Table auto sets 51820)
 * @param forward      the host forwards packets (sysctl net.ipv4.ip_forward=1, net.ipv6.conf.all.forwarding=1)
 * @param masquerade   the host rewrites forwarded packets leaving by its outer interface to its own
 *                     address (iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE); implies forward
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
        Optional<String> config,
        int mtu,
        long table,
        long fwmark,
        boolean forward,
        boolean masquerade) {

    /** wg-quick's Table = auto. */
    public static final long TABLE_AUTO = -1;
    /** wg-quick's Table = off. */
    public static final long TABLE_OFF = 0;
    /** No MTU given: computed as wg-quick does, the MTU of the route to the endpoints minus 80. */
    public static final int MTU_AUTO = 0;
    /** What wg-quick subtracts from the path MTU: the largest WireGuard overhead (IPv6 40 + UDP 8 + 32). */
    public static final int OVERHEAD = 80;

    public WireGuardSpec(String interfaceName, Key32 privateKey, boolean keyDerived, int listenPort,
            List<InterfaceAddress> addresses, List<IpPrefix> advertise, List<PeerSpec> peers, TimerSpec timers,
            Optional<String> config) {
        this(interfaceName, privateKey, keyDerived, listenPort, addresses, advertise, peers, timers, config,
                MTU_AUTO, TABLE_AUTO, 0, false, false);
    }

    public WireGuardSpec {
        addresses = List.copyOf(addresses);
        advertise = List.copyOf(advertise);
        peers = List.copyOf(peers);
    }

    public WireGuardSpec withPeers(List<PeerSpec> newPeers) {
        return new WireGuardSpec(interfaceName, privateKey, keyDerived, listenPort, addresses, advertise, newPeers, timers,
                config, mtu, table, fwmark, forward, masquerade);
    }
}
