package dev.wgsim.wg.device;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.noise.MessageTransport;
import dev.wgsim.wg.noise.MessageType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * A tiny discrete-event harness for device tests: two devices A and B, a fake clock that starts
 * at a non-zero virtual time, datagrams delivered after a fixed one-way delay, and every output
 * recorded. Each direction can be cut or rewritten (roaming, spoofing).
 */
final class Sim {
    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;
    /** Virtual time starts far from zero so no code can rely on "0 = never". */
    static final long T0 = 86_400L * S;
    static final long WALL_EPOCH = 1_700_000_000L * S;
    static final long DELAY = 10 * MS;

    record Sent(long at, String from, int type, long counter, int length, WgEndpoint to) {}
    record Got(long at, String at_node, byte[] packet) {}
    record Ev(long at, String node, WgEvent event) {}

    final class Node {
        final String name;
        final WgDevice device;
        final InetSocketAddress address;
        WgPeer peer;
        Node other;
        /** Rewrites (or, returning null, loses) datagrams this node sends. */
        UnaryOperator<Datagram> egress = d -> d;
        /** The source address the other side sees for this node's datagrams. */
        InetSocketAddress apparentSource;
        /** When set, the other side receives this node's datagrams through this endpoint (a layer below). */
        WgEndpoint arrivesVia;

        Node(String name, WgDevice device, InetSocketAddress address) {
            this.name = name;
            this.device = device;
            this.address = address;
            this.apparentSource = address;
        }

        byte[] innerAddress() {
            return name.equals("A") ? new byte[] {10, 0, 0, 1} : new byte[] {10, 0, 0, 2};
        }
    }

    private record Pending(long at, long seq, Runnable action) {}

    final Node a;
    final Node b;
    long now = T0;
    private long seq;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(
            (x, y) -> x.at != y.at ? Long.compare(x.at, y.at) : Long.compare(x.seq, y.seq));
    final List<Sent> sent = new ArrayList<>();
    final List<Got> got = new ArrayList<>();
    final List<Ev> events = new ArrayList<>();
    final List<Drop> drops = new ArrayList<>();

    Sim(Constants constants, long seed) {
        this(constants, constants, seed);
    }

    Sim(Constants ca, Constants cb, long seed) {
        Random r = new Random(seed);
        PrivateKey ka = PrivateKey.generate(Entropy.of(new Random(r.nextLong())));
        PrivateKey kb = PrivateKey.generate(Entropy.of(new Random(r.nextLong())));
        a = new Node("A", new WgDevice(ka, 51820, ca, Entropy.of(new Random(r.nextLong())), WALL_EPOCH),
                addr(192, 0, 2, 1, 51820));
        b = new Node("B", new WgDevice(kb, 51821, cb, Entropy.of(new Random(r.nextLong())), WALL_EPOCH),
                addr(198, 51, 100, 2, 51821));
        a.other = b;
        b.other = a;
        a.peer = a.device.addPeer(kb.publicKey(), null);
        b.peer = b.device.addPeer(ka.publicKey(), null);
        a.device.addAllowedIp(a.peer, IpPrefix.parse("10.0.0.2/32"));
        b.device.addAllowedIp(b.peer, IpPrefix.parse("10.0.0.1/32"));
        a.device.setEndpoint(a.peer, b.address);
        b.device.setEndpoint(b.peer, a.address);
    }

    static InetSocketAddress addr(int x, int y, int z, int w, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) x, (byte) y, (byte) z, (byte) w}), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A minimal IPv4 packet (header + payload) from src to dst. */
    static byte[] ipv4(byte[] src, byte[] dst, int payload, int tag) {
        byte[] p = new byte[20 + payload];
        p[0] = 0x45;
        p[2] = (byte) (p.length >>> 8);
        p[3] = (byte) p.length;
        p[8] = 64;
        p[9] = 17;
        System.arraycopy(src, 0, p, 12, 4);
        System.arraycopy(dst, 0, p, 16, 4);
        for (int i = 20; i < p.length; i++) {
            p[i] = (byte) (tag + i);
        }
        return p;
    }

    /** Node x sends an inner packet to the other node's inner address now. */
    WgOutput send(Node x, int payload, int tag) {
        byte[] p = ipv4(x.innerAddress(), x.other.innerAddress(), payload, tag);
        WgOutput o = x.device.sendInner(now, p, 0, p.length);
        handle(x, o);
        return o;
    }

    void handle(Node x, WgOutput o) {
        for (WgEvent e : o.events()) {
            events.add(new Ev(now, x.name, e));
        }
        drops.addAll(o.drops());
        for (InnerPacket p : o.delivered()) {
            got.add(new Got(now, x.name, p.packet()));
        }
        for (Datagram d : o.datagrams()) {
            byte[] bytes = d.bytes();
            long type = MessageType.typeOf(bytes, 0, bytes.length);
            long counter = type == 4 ? MessageTransport.counter(bytes, 0) : -1;
            sent.add(new Sent(now, x.name, (int) type, counter, bytes.length, d.endpoint()));
            Datagram out = x.egress.apply(d);
            if (out == null) {
                continue;
            }
            InetSocketAddress src = x.apparentSource;
            WgEndpoint via = x.arrivesVia;
            Node dst = x.other;
            at(now + DELAY, () -> handle(dst, via != null
                    ? dst.device.receive(now, via, out.bytes(), 0, out.bytes().length)
                    : dst.device.receive(now, src, out.bytes(), 0, out.bytes().length)));
        }
    }

    void at(long t, Runnable r) {
        queue.add(new Pending(t, seq++, r));
    }

    /** Runs events and device timers in time order up to and including {@code until}. */
    void runUntil(long until) {
        while (true) {
            long ta = a.device.nextTimeout();
            long tb = b.device.nextTimeout();
            // every test also checks the device's nextTimeout cache against a full scan
            if (ta != a.device.nextTimeoutByScan() || tb != b.device.nextTimeoutByScan()) {
                throw new AssertionError("nextTimeout cache out of date at " + now);
            }
            long tq = queue.isEmpty() ? Long.MAX_VALUE : queue.peek().at;
            long t = Math.min(tq, Math.min(ta, tb));
            if (t > until) {
                now = until;
                return;
            }
            now = t;
            if (tq == t) {
                queue.poll().action.run();
            } else if (ta == t) {
                handle(a, a.device.handleTimeout(now));
            } else {
                handle(b, b.device.handleTimeout(now));
            }
        }
    }

    void runFor(long d) {
        runUntil(now + d);
    }

    List<Sent> sentBy(String node, int type) {
        return sent.stream().filter(s -> s.from().equals(node) && s.type() == type).toList();
    }

    <T extends WgEvent> List<Ev> eventsOf(String node, Class<T> kind) {
        return events.stream().filter(e -> e.node().equals(node) && kind.isInstance(e.event())).toList();
    }

    long dropCount(Node n, DropReason r) {
        return n.device.dropCount(r);
    }

    static double secs(long t) {
        return (t - T0) / 1e9;
    }
}
