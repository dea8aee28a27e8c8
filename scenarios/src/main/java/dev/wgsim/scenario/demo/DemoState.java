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
                        List<Node> topology, Packet lastPacket, String message, Tailnet tailnet) {
    public DemoState {
        peers = List.copyOf(peers);
        topology = List.copyOf(topology);
    }

    /** A state without a tailnet (the cryptokey-routing demo). */
    public DemoState(String scenario, String description, long nowNanos, Iface iface, List<Peer> peers,
                     List<Node> topology, Packet lastPacket, String message) {
        this(scenario, description, nowNanos, iface, peers, topology, lastPacket, message, null);
    }

    /**
     * A tailnet demo's view beyond the table on show (that of device {@code selected}'s tailscale0):
     * every device with the paths from its table to each peer it holds.
     *
     * @param control the coordination server's node
     */
    public record Tailnet(String selected, String control, List<TailnetDevice> devices) {
        public Tailnet {
            devices = List.copyOf(devices);
        }
    }

    /**
     * One tailnet device.
     *
     * @param nat       its NAT kind (none, one2one, easy, easyaf, hard; "+ carrier K" behind a carrier NAT)
     * @param address   its tailnet IPv4 address (100.64.0.0/10)
     * @param joined    whether its tailscale0 is up
     * @param connected whether its control connection streams the netmap now
     * @param home      its home DERP region's name
     * @param added     whether it was added from the page
     * @param paths     one cell per peer in its WireGuard table, in netmap order
     */
    public record TailnetDevice(String name, String nat, String address, boolean joined, boolean connected, String home,
                                boolean added, List<PathCell> paths) {
        public TailnetDevice {
            paths = List.copyOf(paths);
        }
    }

    /**
     * A peer in a device's table and how packets to it travel now.
     *
     * @param path relayed, direct, local or none (magicsock's route class)
     * @param text as the table shows it: "DERP nyc", "direct 198.18.16.4:41641", ...
     */
    public record PathCell(String peer, String path, String text) {}

    /**
     * The WireGuard interface on show: name, node, inner address, listen port, public key, outer
     * address, and the device's rekey limits now in force (REKEY_AFTER_TIME, REJECT_AFTER_TIME in
     * ns; REKEY_AFTER_MESSAGES, which the page can lower live).
     */
    public record Iface(String name, String node, String address, int listenPort, String publicKey, String outerAddress,
                        long rekeyAfterNanos, long rejectAfterNanos, String rekeyAfterMessages) {}

    /**
     * One row of the cryptokey routing table.
     *
     * @param sessionKey          base64 of the current sending key, null before the first handshake
     * @param nonce               the next outbound counter of that keypair, null without one
     * @param latestHandshakeNanos virtual time of the latest handshake, -1 when none
     * @param simulated           whether a simulated device holds this peer's private key (Recv works)
     * @param path                in a tailnet, how packets to the peer travel ("DERP nyc", "direct ADDR:PORT",
     *                            "local ADDR:PORT", "none"); null outside a tailnet
     */
    public record Peer(String name, String publicKey, List<String> allowedIps, String endpoint, String sessionKey,
                       Long nonce, long latestHandshakeNanos, long rxBytes, long txBytes, int persistentKeepalive,
                       boolean simulated, String outerAddress, String tunnelAddress, List<Keypair> keypairs, String path) {
        public Peer {
            allowedIps = List.copyOf(allowedIps);
            keypairs = List.copyOf(keypairs);
        }

        /** A row outside a tailnet. */
        public Peer(String name, String publicKey, List<String> allowedIps, String endpoint, String sessionKey,
                    Long nonce, long latestHandshakeNanos, long rxBytes, long txBytes, int persistentKeepalive,
                    boolean simulated, String outerAddress, String tunnelAddress, List<Keypair> keypairs) {
            this(name, publicKey, allowedIps, endpoint, sessionKey, nonce, latestHandshakeNanos, rxBytes, txBytes,
                    persistentKeepalive, simulated, outerAddress, tunnelAddress, keypairs, null);
        }
    }

    /**
     * One filled keypair slot of a peer (previous, current or next), read from the device.
     *
     * @param sendKey      base64 of the slot's sending key
     * @param nonce        its next outbound counter
     * @param createdNanos virtual time of the handshake that made it (its age is now minus this)
     */
    public record Keypair(String slot, String sendKey, long nonce, long createdNanos, boolean initiator,
                          long localIndex, long remoteIndex) {}

    /** A box in the topology picture: a host and its current outer address (routers have none). */
    public record Node(String name, String role, String outerAddress) {}

    /**
     * Where the latest demo packet went.
     *
     * @param outcome {@code delivered}, {@code dropped} or {@code lost} (neither delivered nor dropped yet)
     * @param dropAt  the node that dropped it, when dropped
     * @param route   for a packet wg0 sent: which allowed-IPs row its destination matched; else null
     * @param capture the captured datagrams this action caused (indices for the packet inspector)
     * @param carrier the captured datagram that carried the demo packet (delivered or dropped), or null
     */
    public record Packet(String action, String from, String to, String innerSource, String innerDestination,
                         String outcome, String dropAt, String detail, Route route, List<Integer> capture,
                         Integer carrier) {
        public Packet {
            capture = capture == null ? List.of() : List.copyOf(capture);
        }
    }

    /**
     * Cryptokey routing for one inner destination.
     *
     * @param peer    the row the device picked, null when no prefix contains the destination
     * @param prefix  the picked row's prefix that matched (the longest)
     * @param matches every prefix containing the destination, longest first (never empty when peer is set)
     */
    public record Route(String destination, String peer, String prefix, List<Match> matches) {
        public Route {
            matches = List.copyOf(matches);
        }
    }

    /** One allowed-IPs prefix containing a destination; {@code chosen} marks the longest match. */
    public record Match(String peer, String prefix, int length, boolean chosen) {}
}
