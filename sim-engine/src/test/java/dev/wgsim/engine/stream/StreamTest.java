package dev.wgsim.engine.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.link.Link;
import dev.wgsim.engine.link.LinkConfig;
import dev.wgsim.engine.nat.Nat;
import dev.wgsim.engine.nat.NatConfig;
import dev.wgsim.engine.net.DropReason;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.TestNets;
import dev.wgsim.engine.trace.JsonLines;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stream over real TCP segments. Client c (10.0.0.1) and server s (10.0.0.2) on one link of
 * 10 ms each way (RTT 20 ms), no rate limit, so every time below is a sum of link delays worked
 * out by hand from the handshakes' message sequence.
 */
class StreamTest {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    static final Endpoint SERVER = Endpoint.parse("10.0.0.2:443");

    /** What one side of a stream saw, with virtual times. */
    static final class Log implements StreamConnection.Handler {
        final Network net;
        long openedAt = -1;
        final List<String> messages = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        String closed;
        long closedAt = -1;
        StreamConnection conn;

        Log(Network net) {
            this.net = net;
        }

        @Override
        public void onOpen(StreamConnection c) {
            openedAt = net.now();
            conn = c;
        }

        @Override
        public void onMessage(StreamConnection c, byte[] message) {
            messages.add(new String(message, StandardCharsets.UTF_8));
            times.add(net.now());
        }

        @Override
        public void onClose(StreamConnection c, String reason) {
            closed = reason;
            closedAt = net.now();
        }
    }

    static final class World {
        final Network net = new Network(11);
        final Host c = net.addHost("c");
        final Host s = net.addHost("s");
        final Link link;
        final List<String> events = new ArrayList<>();
        final Log server = new Log(net);
        final Log client = new Log(net);

        World(LinkConfig cfg) {
            net.trace().subscribe(e -> events.add(JsonLines.toJson(e)));
            link = TestNets.connect(net, "cs", c, "eth0", "10.0.0.1/24", s, "eth0", "10.0.0.2/24", cfg, cfg);
            c.setDefaultRoute(link.a());
            s.setDefaultRoute(link.b());
        }

        StreamConnection start(StreamConfig config, boolean serverGreets) {
            StreamServer.listen(s, 443, config, conn -> new StreamConnection.Handler() {
                @Override
                public void onOpen(StreamConnection x) {
                    server.onOpen(x);
                    if (serverGreets) {
                        x.send("ServerKey".getBytes(StandardCharsets.UTF_8));
                    }
                }

                @Override
                public void onMessage(StreamConnection x, byte[] m) {
                    server.onMessage(x, m);
                }

                @Override
                public void onClose(StreamConnection x, String reason) {
                    server.onClose(x, reason);
                }
            });
            return StreamConnection.connect(c, SERVER, config, client);
        }

        List<String> kind(String kind) {
            return events.stream().filter(e -> e.contains("\"kind\":\"" + kind + "\"")).toList();
        }
    }

    static LinkConfig delay10() {
        return LinkConfig.builder().delayNanos(10 * MS).build();
    }

    @Test
    void setUpTakesThreeRoundTripsWithALogin() {
        World w = new World(delay10());
        w.start(StreamConfig.defaults(), true);
        w.net.loop().runUntil(S);
        // SYN 0 -> 10, SYN-ACK -> 20 (TCP up at the client), ACK+ClientHello -> 30, server flight -> 40:
        // client Finished, TLS up at the client (2 RTT); Finished at the server 50; the server's first
        // message (the login's ServerKey) at the client 60 = 3 RTT.
        assertEquals(40 * MS, w.client.openedAt, "TCP + TLS 1.3: 2 RTT");
        assertEquals(50 * MS, w.server.openedAt);
        assertEquals(List.of("ServerKey"), w.client.messages);
        assertEquals(List.of(60 * MS), w.client.times, "3 RTT to the login's first message");
        List<String> connected = w.kind("tcp.connected");
        assertEquals(2, connected.size());
        assertTrue(connected.get(0).startsWith("{\"t\":20000000,") && connected.get(0).contains("\"host\":\"c\""), connected.toString());
        assertTrue(connected.get(1).startsWith("{\"t\":30000000,") && connected.get(1).contains("\"host\":\"s\""), connected.toString());
    }

    @Test
    void aLostSegmentHoldsBackLaterMessagesByTheRetransmissionTimeout() {
        World w = new World(delay10());
        StreamConnection c = w.start(StreamConfig.defaults(), false);
        long t = 1 * S;
        // every RTT sample so far is 20 ms: SRTT 20, RTTVAR <= 10, RTO = max(200 ms floor, 20 + 4 x RTTVAR) = 200 ms
        w.link.scheduleOutage(t, t + MS);
        w.net.at(t, () -> c.send("m1".getBytes(StandardCharsets.UTF_8)));      // lost: the link is down
        w.net.at(t + 2 * MS, () -> c.send("m2".getBytes(StandardCharsets.UTF_8)));
        w.net.at(t + 3 * MS, () -> c.send("m3".getBytes(StandardCharsets.UTF_8)));
        w.net.loop().runUntil(3 * S);
        assertEquals(List.of("m1", "m2", "m3"), w.server.messages);
        long retransmitted = t + 200 * MS;
        assertEquals(List.of(retransmitted + 10 * MS, retransmitted + 10 * MS, retransmitted + 10 * MS), w.server.times,
                "m2 and m3 reached the server at t+12/13 ms but wait for m1, resent after the 200 ms RTO");
        List<String> rtx = w.kind("tcp.retransmit");
        assertEquals(1, rtx.size());
        assertTrue(rtx.get(0).startsWith("{\"t\":" + retransmitted + ",") && rtx.get(0).contains("\"rto_ns\":200000000"), rtx.toString());
        assertEquals(1, w.net.drops(DropReason.LINK_DOWN));
    }

    @Test
    void retransmissionTimeoutBacksOffAndGivesUp() {
        World w = new World(delay10());
        TcpConfig few = new TcpConfig(0, 65_535, S, 200 * MS, 120 * S, 6, 3);
        StreamConnection c = w.start(StreamConfig.defaults().withTcp(few), false);
        long t = S;
        w.link.scheduleOutage(t, 100 * S);
        w.net.at(t, () -> c.send(new byte[10]));
        w.net.loop().runUntil(100 * S);
        List<String> rtx = w.kind("tcp.retransmit");
        // RFC 6298 5.5: the timer doubles: 200, 400, 800 ms; the fourth expiry (1.6 s later) exceeds 3 retries
        assertEquals(3, rtx.size());
        assertTrue(rtx.get(0).startsWith("{\"t\":" + (t + 200 * MS) + ","), rtx.toString());
        assertTrue(rtx.get(1).startsWith("{\"t\":" + (t + 600 * MS) + ",") && rtx.get(1).contains("\"rto_ns\":400000000"), rtx.toString());
        assertTrue(rtx.get(2).startsWith("{\"t\":" + (t + 1400 * MS) + ",") && rtx.get(2).contains("\"rto_ns\":800000000"), rtx.toString());
        assertEquals("timeout", w.client.closed);
        assertEquals(t + 3000 * MS, w.client.closedAt);
    }

    @Test
    void orderHoldsOverAReorderingJitteryLink() {
        LinkConfig messy = LinkConfig.builder().delayNanos(10 * MS).jitterNanos(8 * MS).reorderProbability(0.3).build();
        World w = new World(messy);
        StreamConnection c = w.start(StreamConfig.defaults(), false);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String m = "message-" + i + "-" + "x".repeat(i * 7 % 900);
            sent.add(m);
            w.net.at(S + i * MS, () -> c.send(m.getBytes(StandardCharsets.UTF_8)));
        }
        w.net.loop().runUntil(20 * S);
        assertEquals(300, w.server.messages.size());
        assertEquals(sent, w.server.messages);
    }

    @Test
    void largeMessagesAreCutIntoRecordsAndSegmentsAndArriveWhole() {
        World w = new World(delay10());
        StreamConnection c = w.start(StreamConfig.defaults(), false);
        String big = "y".repeat(40_000);
        w.net.at(S, () -> c.send(big.getBytes(StandardCharsets.UTF_8)));
        w.net.loop().runUntil(3 * S);
        assertEquals(List.of(big), w.server.messages);
        // 40,004 framed bytes in records of at most 16,384 plaintext: 3 records, 22 bytes of TLS each
        assertEquals(40_004 + 3 * 22 + 64, c.tcp().bytesSent() - 250, "ClientHello 250 + Finished 64 + the records");
    }

    @Test
    void theStreamCrossesANatWhichMapsTcp() {
        Network net = new Network(3);
        Host c = net.addHost("c");
        Host home = net.addHost("home");
        Host s = net.addHost("s");
        LinkConfig wire = LinkConfig.builder().delayNanos(5 * MS).build();
        Link lan = TestNets.connect(net, "lan", c, "eth0", "192.168.1.10/24", home, "lan", "192.168.1.1/24", wire, wire);
        Link wan = TestNets.connect(net, "wan", home, "wan", "203.0.113.2/24", s, "eth0", "203.0.113.1/24", wire, wire);
        c.setDefaultRoute(lan.a());
        home.setDefaultRoute(wan.a());
        s.setDefaultRoute(wan.b());
        Nat nat = new Nat(net, "home", home, wan.a(), NatConfig.preset("easy"));
        List<Endpoint> seen = new ArrayList<>();
        Log client = new Log(net);
        StreamServer.listen(s, 443, StreamConfig.defaults(), conn -> {
            seen.add(conn.remote());
            return new Log(net);
        });
        StreamConnection conn = StreamConnection.connect(c, Endpoint.parse("203.0.113.1:443"), StreamConfig.defaults(), client);
        net.loop().runUntil(S);
        assertEquals(40 * MS, client.openedAt, "2 RTT of 20 ms");
        assertEquals(1, seen.size());
        assertEquals(IpAddress.parse("203.0.113.2"), seen.get(0).address(), "the server sees the NAT's address");
        List<Nat.Binding> b = nat.mappings();
        assertEquals(1, b.size());
        assertEquals(new Endpoint(IpAddress.parse("192.168.1.10"), conn.tcp().localPort()), b.get(0).internal());
        assertEquals(seen.get(0), b.get(0).external());
        assertTrue(b.get(0).expiresAtNanos() > 7_000 * S, "TCP mappings last RFC 5382's 2 h 4 min, not UDP's 300 s");
    }

    @Test
    void refusedIdleAndResetCloseWithTheirReasons() {
        World w = new World(delay10());
        Log refused = new Log(w.net);
        StreamConnection.connect(w.c, Endpoint.parse("10.0.0.2:444"), StreamConfig.defaults(), refused);
        w.net.loop().runUntil(S);
        assertEquals("refused", refused.closed);
        assertEquals(20 * MS, refused.closedAt, "the kernel's RST comes back after one RTT");
        assertEquals(1, w.net.drops(DropReason.TCP_NO_CONNECTION));

        StreamConnection c = w.start(StreamConfig.defaults(), false);
        w.net.at(2 * S, () -> c.setIdleTimeout(60 * S));
        w.net.at(10 * S, () -> c.send("last".getBytes(StandardCharsets.UTF_8)));
        w.net.loop().runUntil(100 * S);
        assertEquals("idle", w.client.closed);
        assertEquals(70 * S, w.client.closedAt, "60 s after the last message sent");
        assertEquals("peer closed", w.server.closed);
        assertEquals(70 * S + 10 * MS, w.server.closedAt);
        assertFalse(w.c.isTcpBound(c.tcp().localPort()), "the port is released once the FINs are acknowledged");

        World r = new World(delay10());
        StreamConnection rc = r.start(StreamConfig.defaults(), false);
        r.net.at(S, rc::reset);
        r.net.loop().runUntil(2 * S);
        assertEquals("reset", r.client.closed);
        assertEquals("reset by peer", r.server.closed);
        assertEquals(S + 10 * MS, r.server.closedAt);
    }

    @Test
    void malformedSegmentsAndRecordsAreDroppedAndCountedNeverThrown() {
        World w = new World(delay10());
        w.start(StreamConfig.defaults(), false);
        w.net.loop().runUntil(S);
        IpAddress c = IpAddress.parse("10.0.0.1");
        IpAddress s = IpAddress.parse("10.0.0.2");
        byte[] badOffset = new byte[16];
        badOffset[8] = (byte) 0xF0; // data offset 60 bytes, segment shorter
        w.net.at(S, () -> w.c.send(IpPacket.tcp(c, 40000, s, 443, 64, badOffset)));
        byte[] badOption = new byte[20];
        badOption[8] = (byte) (6 << 4);
        badOption[9] = 0x02;
        badOption[16] = 2;
        badOption[17] = 9; // MSS option claiming 9 bytes in a 4-byte option space
        w.net.at(S, () -> w.c.send(IpPacket.tcp(c, 40001, s, 443, 64, badOption)));
        w.net.loop().runUntil(2 * S);
        assertEquals(2, w.net.drops(DropReason.MALFORMED));
        assertTrue(w.server.closed == null && w.client.closed == null, "the real connection is untouched");

        // a TLS record with a bad version inside an open connection: the stream resets, no exception
        World r = new World(delay10());
        StreamConnection rc = r.start(StreamConfig.defaults(), false);
        r.net.at(S, () -> rc.tcp().write(new byte[] {23, 9, 9, 0, 1, 0}));
        r.net.loop().runUntil(2 * S);
        assertEquals("malformed record", r.server.closed);
        assertEquals("reset by peer", r.client.closed);
    }
}
