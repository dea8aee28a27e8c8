package dev.wgsim.scenario.tailnet.magicsock;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.scenario.tailnet.control.Node;
import dev.wgsim.scenario.tailnet.disco.DiscoFrame;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Two magicsocks on a toy network of the test's own: each has one public endpoint; UDP between
 * them takes {@code udpOneWay} when {@code udpOpen}, else it is lost; DERP delivers in
 * {@code derpOneWay} (client to relay to client). STUN answers at once with the public endpoint.
 */
final class MagicHarness {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;

    final Entropy entropy = Entropy.of(new Random(3));
    final long udpOneWay;
    final long derpOneWay;
    boolean udpOpen = true;
    long now = 5 * S;
    final Side a;
    final Side b;
    private final PriorityQueue<Object[]> queue = new PriorityQueue<>((x, y) -> {
        int c = Long.compare((long) x[0], (long) y[0]);
        return c != 0 ? c : Long.compare((long) x[1], (long) y[1]);
    });
    private long seq;

    final class Side {
        final String name;
        final Endpoint endpoint;
        final PrivateKey nodeKey = PrivateKey.generate(entropy);
        final Magicsock sock;
        final List<MagicEvent> events = new ArrayList<>();
        final List<long[]> pathTimes = new ArrayList<>();
        final List<Long> pingTimes = new ArrayList<>();
        final List<Long> pongTimes = new ArrayList<>();
        final Map<String, Long> firstDelivered = new HashMap<>();
        long delivered;
        long deliveredViaDerp;
        long wake = Long.MAX_VALUE;
        Side peer;

        Side(String name, String ep) {
            this.name = name;
            this.endpoint = Endpoint.parse(ep);
            this.sock = new Magicsock(name, nodeKey.publicKey(), new DiscoFrame(PrivateKey.generate(entropy), entropy),
                    MagicsockTimings.TAILSCALE, entropy);
        }

        Node asNode(int id) {
            return new Node(id, name, nodeKey.publicKey(), sock.discoKey(), List.of(IpPrefix.parse("100.64.0." + id + "/32")),
                    List.of(IpPrefix.parse("100.64.0." + id + "/32")), List.of(endpoint), 1, Node.NEVER, false);
        }

        void handle(MagicOutput o) {
            for (MagicEvent e : o.events()) {
                events.add(e);
                if (e instanceof MagicEvent.PingSent) {
                    pingTimes.add(now);
                }
                if (e instanceof MagicEvent.PongReceived) {
                    pongTimes.add(now);
                }
                if (e instanceof MagicEvent.PathChanged pc) {
                    pathTimes.add(new long[] {now, pc.to().ordinal()});
                }
            }
            for (MagicOutput.Udp u : List.copyOf(o.udp())) {
                if (u.to().equals(peer.endpoint) && udpOpen) {
                    Side to = peer;
                    Endpoint from = endpoint;
                    byte[] bytes = u.bytes();
                    at(now + udpOneWay, () -> to.receive(to.sock.receiveUdp(now, from, bytes), false));
                }
            }
            for (MagicOutput.Derp d : List.copyOf(o.derp())) {
                Side to = peer;
                PublicKey from = nodeKey.publicKey();
                byte[] bytes = d.bytes();
                at(now + derpOneWay, () -> to.receive(to.sock.receiveDerp(now, from, bytes), true));
            }
            boolean stun = o.wantStun();
            if (stun) {
                at(now + 10 * MS, () -> handle(sock.stunResult(now, endpoint)));
            }
            rearm();
        }

        void receive(MagicOutput o, boolean viaDerp) {
            for (MagicOutput.Delivered d : o.delivered()) {
                delivered++;
                if (viaDerp) {
                    deliveredViaDerp++;
                }
                firstDelivered.putIfAbsent(viaDerp ? "derp" : "udp", now);
            }
            handle(o);
        }

        void rearm() {
            long next = sock.nextTimeout();
            if (next != Long.MAX_VALUE && next != wake) {
                wake = next;
                at(next, () -> {
                    if (now >= sock.nextTimeout()) {
                        wake = Long.MAX_VALUE;
                        handle(sock.handleTimeout(now));
                    }
                });
            }
        }

        void send(int size) {
            handle(sock.send(now, peer.nodeKey.publicKey(), new byte[size]));
        }

        /** The path reported last at or before {@code t}. */
        PathKind pathAt(long t) {
            PathKind k = PathKind.NONE;
            for (long[] p : pathTimes) {
                if (p[0] <= t) {
                    k = PathKind.values()[(int) p[1]];
                }
            }
            return k;
        }

        Long firstTime(PathKind k) {
            for (long[] p : pathTimes) {
                if (p[1] == k.ordinal()) {
                    return p[0];
                }
            }
            return null;
        }
    }

    MagicHarness(long udpOneWay, long derpOneWay) {
        this.udpOneWay = udpOneWay;
        this.derpOneWay = derpOneWay;
        a = new Side("a", "192.0.2.1:41641");
        b = new Side("b", "198.51.100.2:41641");
        a.peer = b;
        b.peer = a;
        a.handle(a.sock.setLocalEndpoints(now, List.of(a.endpoint)));
        b.handle(b.sock.setLocalEndpoints(now, List.of(b.endpoint)));
        a.handle(a.sock.stunResult(now, a.endpoint));
        b.handle(b.sock.stunResult(now, b.endpoint));
        a.handle(a.sock.upsertPeer(now, b.asNode(2)));
        b.handle(b.sock.upsertPeer(now, a.asNode(1)));
    }

    void at(long t, Runnable r) {
        queue.add(new Object[] {t, seq++, r});
    }

    /** Both sides send a packet to each other every {@code interval} from now until {@code until}. */
    void traffic(long interval, long until) {
        for (long t = now; t < until; t += interval) {
            at(t, () -> {
                a.send(100);
                b.send(100);
            });
        }
    }

    void runUntil(long t) {
        while (!queue.isEmpty() && (long) queue.peek()[0] <= t) {
            Object[] e = queue.poll();
            now = (long) e[0];
            ((Runnable) e[2]).run();
        }
        now = t;
    }
}
