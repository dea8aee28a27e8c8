package dev.wgsim.scenario.demo;

import java.util.List;

/**
 * Everything the page draws, read from the live simulation at one virtual instant: the interface,
 * the cryptokey routing table (from the real device's snapshot), the outer topology and the last
 * packet's path. Never carries a private key.
 *
 * @param nowNanos   the virtual clock
 * @param lastPacket the packet of the latest Send/Recv/Spoof, or null before the first
 * @param message    one sentence on what the latest action did
 */
public record DemoState(String scenario, String description, long nowNanos, Iface iface, List<Peer> peers,
                        List<Node> topology, Packet lastPacket, String message) {
    public DemoState {
        peers = List.copyOf(peers);
        topology = List.copyOf(topology);
    }

    /** The WireGuard interface on show: name, node, inner address, listen port, public key, outer address. */
    public record Iface(String name, String node, String address, int listenPort, String publicKey, String outerAddress) {}

    /**
     * One row of the cryptokey routing table.
     *
     * @param sessionKey          base64 of the current sending key, null before the first handshake
     * @param nonce               the next outbound counter of that keypair, null without one
     * @param latestHandshakeNanos virtual time of the latest handshake, -1 when none
     * @param simulated           whether a simulated device holds this peer's private key (Recv works)
     */
    public record Peer(String name, String publicKey, List<String> allowedIps, String endpoint, String sessionKey,
                       Long nonce, long latestHandshakeNanos, long rxBytes, long txBytes, int persistentKeepalive,
                       boolean simulated, String outerAddress, String tunnelAddress) {
        public Peer {
            allowedIps = List.copyOf(allowedIps);
        }
    }

    /** A box in the topology picture: a host and its current outer address (routers have none). */
    public record Node(String name, String role, String outerAddress) {}

    /**
     * Where the latest demo packet went.
     *
     * @param outcome {@code delivered}, {@code dropped} or {@code lost} (neither delivered nor dropped yet)
     * @param dropAt  the node that dropped it, when dropped
     */
    public record Packet(String action, String from, String to, String innerSource, String innerDestination,
                         String outcome, String dropAt, String detail) {}
}
