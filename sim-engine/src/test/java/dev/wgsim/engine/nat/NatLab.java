package dev.wgsim.engine.nat;

import dev.wgsim.engine.link.Link;
import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.InterfaceAddress;
import dev.wgsim.engine.net.NetInterface;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.UdpSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A small Internet for NAT composition tests: a router "inet", two reflectors (198.51.100.1/2 port
 * 3478 answer each datagram with the source they saw, as text), NAT boxes chained at will, and peers
 * that learn their reflexive endpoint and then probe each other the way a hole-punching client does
 * (every probe answered to its observed source). Every link has its own /24, so connected routes
 * are all the routing there is.
 */
final class NatLab {
    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;
    static final int PEER_PORT = 41641;
    static final Endpoint STUN1 = Endpoint.parse("198.51.100.1:3478");
    static final Endpoint STUN2 = Endpoint.parse("198.51.100.2:3478");

    final Network net;
    final Host inet;
    private final LinkConfig wire = LinkConfig.builder().delayNanos(MS).build();
    private int subnet;

    NatLab(long seed) {
        net = new Network(seed);
        inet = net.addRouter("inet");
        reflector("stun1", "198.51.100.1");
        reflector("stun2", "198.51.100.2");
    }

    private void reflector(String name, String address) {
        Host h = net.addHost(name);
        Link l = Link.connect(net, name + "-inet", h, "eth0", InterfaceAddress.parse(address + "/24"),
                inet, name, InterfaceAddress.parse(address.substring(0, address.lastIndexOf('.')) + ".254/24"), wire, wire);
        h.setDefaultRoute(l.a());
        inet.addRoute(dev.wgsim.engine.net.IpPrefix.parse(address + "/32"), l.b());
        UdpSocket[] s = new UdpSocket[1];
        s[0] = h.bind(3478, (now, src, dst, payload) -> s[0].send(src, src.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Links {@code child} up to {@code parent} (inet or a NAT box) on a fresh /24; returns the child's interface. */
    private NetInterface uplink(Host child, Host parent) {
        int k = ++subnet;
        String prefix = parent == inet ? "203.0." + k + "." : "10." + k + ".0.";
        Link l = Link.connect(net, child.name() + "-up", child, "up" + k, InterfaceAddress.parse(prefix + "2/24"),
                parent, "down" + k, InterfaceAddress.parse(prefix + "1/24"), wire, wire);
        child.setDefaultRoute(l.a());
        return l.a();
    }

    /** A NAT box under {@code parent} (null: on the Internet). */
    Nat nat(String name, NatConfig config, Nat parent) {
        Host box = net.addHost(name);
        NetInterface out = uplink(box, parent == null ? inet : parent.box());
        return new Nat(net, name, box, out, config);
    }

    /** A peer behind {@code nat} (null: a public host). */
    Peer peer(String name, Nat nat) {
        Host h = net.addHost(name);
        uplink(h, nat == null ? inet : nat.box());
        return new Peer(h);
    }

    void runTo(long t) {
        net.loop().runUntil(t);
    }

    /** A hole-punching client on UDP 41641. */
    static final class Peer {
        final Host host;
        final UdpSocket socket;
        final Map<Endpoint, Endpoint> reflexive = new HashMap<>();
        /** Sources from which a probe or an answer to a probe arrived. */
        final Set<Endpoint> heardFrom = new LinkedHashSet<>();

        Peer(Host host) {
            this.host = host;
            this.socket = host.bind(PEER_PORT, (now, src, dst, payload) -> {
                String text = new String(payload, StandardCharsets.UTF_8);
                if (src.port() == 3478) {
                    reflexive.put(src, Endpoint.parse(text));
                } else if (text.equals("probe")) {
                    heardFrom.add(src);
                    this.socket().send(src, "answer".getBytes(StandardCharsets.UTF_8));
                } else {
                    heardFrom.add(src);
                }
            });
        }

        private UdpSocket socket() {
            return socket;
        }

        void stun(Endpoint server) {
            socket.send(server, new byte[] {0});
        }

        void probe(Endpoint to) {
            socket.send(to, "probe".getBytes(StandardCharsets.UTF_8));
        }

        Endpoint reflexive() {
            return reflexive.get(STUN1);
        }
    }

    /** What the research note's section 6 calls the outcome of a pair. */
    enum Outcome { DIRECT, PUNCH, RELAY }

    /**
     * The outcome for peers a and b built by {@code setup} in a fresh lab: DIRECT when one side's
     * probe to the other's reflexive endpoint gets in unsolicited (and its answer back), else PUNCH
     * when both probe each other five times over 5 s and each hears the other, else RELAY.
     */
    static Outcome outcome(java.util.function.Function<NatLab, Peer[]> setup) {
        for (boolean aFirst : new boolean[] {true, false}) {
            NatLab lab = new NatLab(7);
            Peer[] p = setup.apply(lab);
            Peer from = aFirst ? p[0] : p[1];
            Peer to = aFirst ? p[1] : p[0];
            lab.net.at(0, () -> { p[0].stun(STUN1); p[1].stun(STUN1); });
            lab.runTo(S);
            Endpoint target = to.reflexive();
            for (int i = 0; i < 5; i++) {
                lab.net.at(S + i * S, () -> from.probe(target));
            }
            lab.runTo(10 * S);
            if (!to.heardFrom.isEmpty() && !from.heardFrom.isEmpty()) {
                return Outcome.DIRECT;
            }
        }
        NatLab lab = new NatLab(7);
        Peer[] p = setup.apply(lab);
        lab.net.at(0, () -> { p[0].stun(STUN1); p[1].stun(STUN1); });
        lab.runTo(S);
        Endpoint ra = p[0].reflexive();
        Endpoint rb = p[1].reflexive();
        for (int i = 0; i < 5; i++) {
            lab.net.at(S + i * S, () -> { p[0].probe(rb); p[1].probe(ra); });
        }
        lab.runTo(10 * S);
        return !p[0].heardFrom.isEmpty() && !p[1].heardFrom.isEmpty() ? Outcome.PUNCH : Outcome.RELAY;
    }
}
