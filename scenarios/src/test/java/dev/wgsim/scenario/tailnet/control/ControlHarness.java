package dev.wgsim.scenario.tailnet.control;

import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A server and clients joined by message pipes with a fixed one-way delay, on a tiny virtual clock
 * of its own (a priority queue of (time, sequence)); a client's pipe can be cut.
 */
final class ControlHarness {
    final long oneWay;
    final ControlServer server;
    final Entropy entropy = Entropy.of(new Random(42));
    final Map<Integer, Client> clients = new HashMap<>();
    private final PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    private final List<Runnable> actions = new ArrayList<>();
    private long seq;
    long now = 1_000_000_000L;   // not zero: tests start away from the epoch
    private long serverWake = Long.MAX_VALUE;

    /** One client and what its listener saw. */
    final class Client implements NetmapListener {
        final int session;
        final String name;
        final PrivateKey nodeKey = PrivateKey.generate(entropy);
        final PrivateKey discoKey = PrivateKey.generate(entropy);
        final ControlClient control;
        boolean cut;
        final List<String> log = new ArrayList<>();
        final Map<String, Long> firstSeen = new HashMap<>();

        Client(int session, String name, String authKey) {
            this.session = session;
            this.name = name;
            this.control = new ControlClient(name, nodeKey.publicKey(), discoKey.publicKey(), authKey, this);
        }

        @Override
        public void self(long t, Node self) {
            log.add(t + " self " + self.addresses());
        }

        @Override
        public void peer(long t, Node peer, Node previous) {
            log.add(t + " peer " + peer.name() + (peer.expired() ? " expired" : "") + " " + peer.endpoints());
            firstSeen.putIfAbsent(peer.name(), t);
        }

        @Override
        public void peerRemoved(long t, Node previous) {
            log.add(t + " removed " + previous.name());
        }

        void connect() {
            cut = false;
            toServer(control.connected(now));
        }

        void cut() {
            cut = true;
            control.disconnected(now);
            apply(server.disconnected(now, session));
        }

        void toServer(List<ControlMessage> ms) {
            for (ControlMessage m : ms) {
                at(now + oneWay, () -> {
                    if (!cut) {
                        apply(server.receive(now, session, m));
                    }
                });
            }
        }
    }

    ControlHarness(ControlConfig config, long oneWay) {
        this.server = new ControlServer(config, entropy);
        this.oneWay = oneWay;
    }

    Client client(String name, String authKey) {
        Client c = new Client(clients.size() + 1, name, authKey);
        clients.put(c.session, c);
        return c;
    }

    void apply(ControlServer.Output out) {
        for (int i = 0; i < out.size(); i++) {
            Client c = clients.get(out.session(i));
            ControlMessage m = out.message(i);
            at(now + oneWay, () -> {
                if (!c.cut) {
                    c.toServer(c.control.receive(now, m));
                }
            });
        }
        rearm();
    }

    private void rearm() {
        long next = server.nextTimeout();
        if (next != Long.MAX_VALUE && next != serverWake) {
            serverWake = next;
            at(next, () -> {
                if (now >= server.nextTimeout()) {
                    serverWake = Long.MAX_VALUE;
                    apply(server.handleTimeout(now));
                }
            });
        }
    }

    void at(long t, Runnable r) {
        actions.add(r);
        queue.add(new long[] {t, seq++, actions.size() - 1});
    }

    void runUntil(long t) {
        while (!queue.isEmpty() && queue.peek()[0] <= t) {
            long[] e = queue.poll();
            now = e[0];
            actions.get((int) e[2]).run();
        }
        now = t;
    }
}
