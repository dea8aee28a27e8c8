package dev.wgsim.scenario.tailnet.derp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.app.StunClient;
import dev.wgsim.engine.link.Link;
import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.trace.JsonLines;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Relays and clients on a star: router "inet"; relay r1 (region 1, 198.51.100.10) and r2 (region 2,
 * 198.51.100.20) 5 ms from it; node a 10 ms and node b 30 ms from it. So one-way a-r1 is 15 ms, r1-b
 * 35 ms, a's RTT to r1 30 ms; every expected time below is a sum of these.
 */
class DerpTest {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    static final Endpoint R1 = Endpoint.parse("198.51.100.10:443");
    static final Endpoint R2 = Endpoint.parse("198.51.100.20:443");

    static PublicKey key(int n) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) n);
        return PublicKey.of(b);
    }

    static final PublicKey A = key(1);
    static final PublicKey B = key(2);
    static final PublicKey NOBODY = key(9);

    /** What a node's listener heard. */
    static final class Heard implements DerpClient.Listener {
        final Network net;
        final List<String> packets = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final List<String> gone = new ArrayList<>();
        final List<Long> goneTimes = new ArrayList<>();
        String closed;
        long closedAt = -1;

        Heard(Network net) {
            this.net = net;
        }

        @Override
        public void onPacket(DerpClient c, PublicKey source, byte[] packet) {
            packets.add(DerpServer.shortKey(source) + ":" + new String(packet, java.nio.charset.StandardCharsets.ISO_8859_1));
            times.add(net.now());
        }

        @Override
        public void onPeerGone(DerpClient c, PublicKey peer, int reason) {
            gone.add(DerpServer.shortKey(peer) + "/" + reason);
            goneTimes.add(net.now());
        }

        @Override
        public void onClosed(DerpClient c, String reason) {
            closed = reason;
            closedAt = net.now();
        }
    }

    static final class World {
        final Network net = new Network(5);
        final Host inet = net.addRouter("inet");
        final Host a;
        final Host b;
        final DerpServer r1;
        final DerpServer r2;
        final List<String> events = new ArrayList<>();
        final Heard atA = new Heard(net);
        final Heard atB = new Heard(net);
        private int subnet;

        World(LinkConfig bLink) {
            net.trace().subscribe(e -> events.add(JsonLines.toJson(e)));
            r1 = new DerpServer(attach("r1", "198.51.100.10", ms(5)), 1, key(101));
            r2 = new DerpServer(attach("r2", "198.51.100.20", ms(5)), 2, key(102));
            a = attach("a", "203.0.113.1", ms(10));
            b = attach("b", "203.0.113.2", bLink);
        }

        static LinkConfig ms(long n) {
            return LinkConfig.builder().delayNanos(n * MS).build();
        }

        Host attach(String name, String address, LinkConfig cfg) {
            Host h = net.addHost(name);
            int k = ++subnet;
            Link l = Link.connect(net, name, h, "eth0", InterfaceAddress.parse(address + "/32"),
                    inet, "p" + k, InterfaceAddress.parse("10.255." + k + ".1/32"), cfg, cfg);
            h.setDefaultRoute(l.a());
            inet.addRoute(IpPrefix.parse(address + "/32"), l.b());
            return h;
        }

        List<String> kind(String kind) {
            return events.stream().filter(e -> e.contains("\"kind\":\"" + kind + "\"")).toList();
        }
    }

    static byte[] text(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void loginTakesThreeRoundTripsAndAPacketTakesBothOneWayDelays() {
        World w = new World(World.ms(30));
        DerpClient ca = new DerpClient(w.a, A, R1, 1, w.atA).connect();
        DerpClient cb = new DerpClient(w.b, B, R1, 1, w.atB).connect();
        ca.notePreferred(true);
        w.net.at(S, () -> ca.send(B, text("hello")));
        w.net.loop().runUntil(3 * S);
        assertEquals(90 * MS, ca.setupNanos(), "TCP 1 + TLS 1 + ServerKey/ClientInfo 1 = 3 RTT of 30 ms");
        assertEquals(210 * MS, cb.setupNanos(), "3 RTT of 70 ms");
        assertEquals(List.of(DerpServer.shortKey(A) + ":hello"), w.atB.packets);
        assertEquals(List.of(S + 15 * MS + 35 * MS), w.atB.times, "one-way(a, r1) + one-way(r1, b)");
        DerpServer.Stats st = w.r1.stats();
        assertEquals(1, st.packetsForwarded());
        assertEquals(5, st.bytesForwarded());
        assertEquals(2, st.connections());
        assertEquals(1, st.homeConnections(), "a's NotePreferred");
        assertEquals(0, w.r2.stats().connectionsTotal());
        assertEquals(2, w.kind("derp.connected").size());
        assertTrue(w.kind("derp.preferred").get(0).contains("\"home\":true"));
    }

    @Test
    void packetsSentBeforeLoginWaitAndGoOutInOrder() {
        World w = new World(World.ms(30));
        new DerpClient(w.b, B, R1, 1, w.atB).connect(); // b's ClientInfo reaches r1 at 210 + 35 = 245 ms
        DerpClient[] ca = new DerpClient[1];
        w.net.at(300 * MS, () -> {
            ca[0] = new DerpClient(w.a, A, R1, 1, w.atA).connect();
            ca[0].send(B, text("1"));
            ca[0].send(B, text("2"));
        });
        w.net.loop().runUntil(2 * S);
        assertEquals(List.of(DerpServer.shortKey(A) + ":1", DerpServer.shortKey(A) + ":2"), w.atB.packets);
        // sent right after ClientInfo at 300 + 90 ms (a is ready), at r1 15 ms later, at b 35 ms after that
        assertEquals(List.of(440 * MS, 440 * MS), w.atB.times);
    }

    @Test
    void unknownDestinationIsDroppedWithAReasonAndPeerGone() {
        World w = new World(World.ms(30));
        DerpClient ca = new DerpClient(w.a, A, R1, 1, w.atA).connect();
        w.net.at(S, () -> ca.send(NOBODY, text("lost")));
        w.net.loop().runUntil(2 * S);
        assertEquals(List.of(DerpServer.shortKey(NOBODY) + "/" + DerpFrame.PEER_GONE_NOT_HERE), w.atA.gone);
        assertEquals(List.of(S + 30 * MS), w.atA.goneTimes, "one RTT to the relay");
        assertEquals(java.util.Map.of("unknown_dest", 1L), w.r1.stats().drops());
        List<String> dropped = w.kind("derp.dropped");
        assertEquals(1, dropped.size());
        assertTrue(dropped.get(0).contains("\"reason\":\"unknown_dest\"") && dropped.get(0).contains("\"bytes\":4"), dropped.toString());
    }

    @Test
    void aSlowDestinationsQueueHoldsThirtyTwoAndDropsTheRest() {
        // b's access link runs at 100 kbit/s: no acknowledgment from b comes back to r1 for about 190 ms
        World w = new World(LinkConfig.builder().delayNanos(30 * MS).rateBitsPerSecond(100_000).build());
        DerpClient ca = new DerpClient(w.a, A, R1, 1, w.atA).connect();
        new DerpClient(w.b, B, R1, 1, w.atB).connect();
        w.net.at(5 * S, () -> {
            for (int i = 0; i < 100; i++) {
                byte[] p = new byte[1000];
                p[0] = (byte) i;
                ca.send(B, p);
            }
        });
        w.net.loop().runUntil(60 * S);
        // each RecvPacket is 5 + 32 + 1000 bytes, 1,059 in its TLS record: writes go on while r1's
        // socket buffer holds under 16,384 bytes, so 16 are written (16,944), 32 wait, 52 are dropped
        assertEquals(java.util.Map.of("queue_full", 52L), w.r1.stats().drops());
        assertEquals(48, w.atB.packets.size());
        for (int i = 0; i < 48; i++) {
            assertEquals(i, w.atB.packets.get(i).charAt(DerpServer.shortKey(A).length() + 1), "in order, the first 48");
        }
        assertEquals(52, w.kind("derp.dropped").size());
        assertEquals(48, w.r1.stats().packetsForwarded());
    }

    @Test
    void aDestinationWhoseQueueMakesNoProgressForTwoSecondsIsDisconnected() {
        World w = new World(World.ms(30));
        DerpClient ca = new DerpClient(w.a, A, R1, 1, w.atA).connect();
        DerpClient cb = new DerpClient(w.b, B, R1, 1, w.atB).connect();
        w.net.loop().runUntil(S);
        w.net.at(4 * S, () -> w.b.iface("eth0").setUp(false)); // b's side goes dark: nothing is acknowledged
        w.net.at(5 * S, () -> {
            for (int i = 0; i < 50; i++) {
                ca.send(B, new byte[1000]);
            }
        });
        w.net.loop().runUntil(20 * S);
        // at r1 from 5.015 s: 16 records fill the 16 KiB socket buffer, 32 wait, 2 find the queue full;
        // no acknowledgment comes, so 2 s later (7.015 s) the write timeout disconnects b
        List<String> gone = w.kind("derp.disconnected");
        assertEquals(1, gone.size());
        assertTrue(gone.get(0).startsWith("{\"t\":" + (7 * S + 15 * MS) + ",") && gone.get(0).contains("\"reason\":\"write timeout\""), gone.toString());
        assertEquals(java.util.Map.of("queue_full", 2L, "disconnected", 32L), w.r1.stats().drops());
        assertFalse(w.r1.isConnected(B));
        assertTrue(w.r1.isConnected(A));
        assertFalse(cb.isClosed(), "b does not know yet: its side of the link is down");
    }

    @Test
    void aDepartingSenderIsReportedGoneToThoseItSentTo() {
        World w = new World(World.ms(30));
        DerpClient ca = new DerpClient(w.a, A, R1, 1, w.atA).connect();
        new DerpClient(w.b, B, R1, 1, w.atB).connect();
        w.net.at(S, () -> ca.send(B, text("hi")));
        w.net.at(2 * S, ca::close);
        w.net.loop().runUntil(3 * S);
        assertEquals(List.of(DerpServer.shortKey(A) + "/" + DerpFrame.PEER_GONE_DISCONNECTED), w.atB.gone);
        assertEquals(List.of(2 * S + 15 * MS + 35 * MS), w.atB.goneTimes, "a's FIN reaches r1, PeerGone reaches b");
        assertFalse(w.r1.isConnected(A));
        assertTrue(w.kind("derp.disconnected").get(0).contains("\"reason\":\"peer closed\""));
    }

    @Test
    void nonHomeConnectionsCloseAfterSixtySecondsWithoutSendingHomeStays() {
        World w = new World(World.ms(30));
        DerpClient home = new DerpClient(w.a, A, R1, 1, w.atA).connect();
        home.notePreferred(true);
        Heard other = new Heard(w.net);
        DerpClient away = new DerpClient(w.a, A, R2, 2, other).connect();
        new DerpClient(w.b, B, R2, 2, w.atB).connect();
        w.net.at(S, () -> away.send(B, text("via r2")));
        w.net.loop().runUntil(200 * S);
        assertEquals("idle", other.closed);
        assertEquals(61 * S, other.closedAt, "60 s after its last send");
        assertTrue(away.isClosed());
        assertFalse(home.isClosed(), "the home connection stays, keep-alives and all");
        assertEquals(null, w.atA.closed);
        assertFalse(w.r2.isConnected(A));
        assertTrue(w.r1.isConnected(A));
    }

    @Test
    void serversOfOneRegionForwardOverTheirMesh() {
        World w = new World(World.ms(30));
        DerpServer r1b = new DerpServer(w.attach("r1b", "198.51.100.11", World.ms(5)), 1, key(103));
        DerpRegion region = new DerpRegion(1, "sim", "mesh-secret");
        region.add(w.r1, R1);
        region.add(r1b, Endpoint.parse("198.51.100.11:443"));
        region.mesh();
        new DerpClient(w.a, A, R1, 1, w.atA).connect();
        DerpClient cb = new DerpClient(w.b, B, Endpoint.parse("198.51.100.11:443"), 1, w.atB).connect();
        w.net.at(S, () -> cb.send(A, text("across")));
        w.net.loop().runUntil(3 * S);
        assertEquals(List.of(DerpServer.shortKey(B) + ":across"), w.atA.packets);
        // b -> r1b 35 ms, r1b -> r1 over the mesh 10 ms, r1 -> a 15 ms
        assertEquals(List.of(S + 60 * MS), w.atA.times);
        assertEquals(1, r1b.packetsMeshed());
        assertEquals(1, w.r1.stats().packetsForwarded());
        assertEquals(1, w.r1.stats().connections(), "the mesh peer is not counted as a client");
        assertTrue(w.kind("derp.connected").size() == 2, "nodes only");
        DerpServer.Stats total = region.stats();
        assertEquals(1, total.packetsForwarded(), "counted once, where it was delivered");
        assertEquals(2, total.connections());
    }

    static List<String> busyRun() {
        World w = new World(LinkConfig.builder().delayNanos(30 * MS).jitterNanos(5 * MS).lossProbability(0.05).build());
        DerpClient ca = new DerpClient(w.a, A, R1, 1, w.atA).connect();
        new DerpClient(w.b, B, R1, 1, w.atB).connect();
        for (int i = 0; i < 200; i++) {
            byte[] p = new byte[200 + i];
            w.net.at(2 * S + i * 10 * MS, () -> ca.send(B, p));
        }
        w.net.loop().runUntil(30 * S);
        return w.events;
    }

    @Test
    void sameSeedSameEventLog() {
        List<String> first = busyRun();
        assertTrue(first.size() > 1000, "a busy log: " + first.size());
        assertTrue(first.stream().anyMatch(e -> e.contains("tcp.retransmit")), "loss made TCP retransmit");
        assertEquals(first, busyRun());
    }

    @Test
    void everyRelayAnswersStunOn3478() {
        World w = new World(World.ms(30));
        StunClient probe = new StunClient(w.b, 41641);
        w.net.at(0, () -> probe.probe(Endpoint.parse("198.51.100.10:3478")));
        w.net.at(0, () -> probe.probe(Endpoint.parse("198.51.100.20:3478")));
        w.net.loop().runUntil(S);
        assertEquals(Endpoint.parse("203.0.113.2:41641"), probe.reflexive(Endpoint.parse("198.51.100.10:3478")));
        assertEquals(70 * MS, probe.rttNanos().get(Endpoint.parse("198.51.100.20:3478")), "region latency as netcheck measures it");
        assertEquals(1, w.r2.stun().answered());
    }

    @Test
    void pingMeasuresTheRoundTripAndMalformedFramesAreCounted() {
        World w = new World(World.ms(30));
        DerpClient ca = new DerpClient(w.a, A, R1, 1, w.atA).connect();
        w.net.at(S, ca::ping);
        w.net.loop().runUntil(2 * S);
        assertEquals(30 * MS, ca.lastPingRttNanos());
        // a raw client: logs in, then sends a SendPacket too short to hold a key, then a frame header claiming 16 MiB
        List<String> closes = new ArrayList<>();
        dev.wgsim.engine.stream.StreamConfig cfg = dev.wgsim.engine.stream.StreamConfig.defaults().withFraming(DerpFrame.FRAMING);
        w.net.at(2 * S, () -> dev.wgsim.engine.stream.StreamConnection.connect(w.b, R1, cfg,
                new dev.wgsim.engine.stream.StreamConnection.Handler() {
                    @Override
                    public void onOpen(dev.wgsim.engine.stream.StreamConnection c) {
                    }

                    @Override
                    public void onMessage(dev.wgsim.engine.stream.StreamConnection c, byte[] m) {
                        if (DerpFrame.type(m) == DerpFrame.SERVER_KEY) {
                            c.send(DerpFrame.frame(DerpFrame.CLIENT_INFO, key(3).bytes(), DerpFrame.box("{}")));
                            c.send(DerpFrame.frame(DerpFrame.SEND_PACKET, new byte[5]));
                            c.send(new byte[] {DerpFrame.SEND_PACKET, 1, 0, 0, 0});
                        }
                    }

                    @Override
                    public void onClose(dev.wgsim.engine.stream.StreamConnection c, String reason) {
                        closes.add(reason);
                    }
                }));
        w.net.loop().runUntil(4 * S);
        assertEquals(java.util.Map.of("malformed", 1L), w.r1.stats().drops());
        assertEquals(List.of("reset by peer"), closes, "the relay resets a stream whose frame header is impossible");
        assertTrue(w.kind("derp.disconnected").stream().anyMatch(e -> e.contains("\"reason\":\"malformed frame\"")));
        assertTrue(w.r1.isConnected(A), "other clients are untouched");
    }
}
