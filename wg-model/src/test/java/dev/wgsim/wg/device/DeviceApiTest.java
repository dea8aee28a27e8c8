package dev.wgsim.wg.device;

import static dev.wgsim.wg.device.Sim.S;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.PresharedKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceApiTest {

    @Test
    void keyLogListenerGetsTheEphemeralOfEveryHandshakeMessageWeCreate() {
        Sim sim = new Sim(Constants.DEFAULTS, 41);
        PresharedKey q = PresharedKey.of(new byte[32]);
        List<HandshakeKeyMaterial> keysA = new ArrayList<>();
        List<HandshakeKeyMaterial> keysB = new ArrayList<>();
        sim.a.device.setKeyLogListener(keysA::add);
        sim.b.device.setKeyLogListener(keysB::add);
        List<Datagram> fromA = new ArrayList<>();
        List<Datagram> fromB = new ArrayList<>();
        sim.a.egress = d -> { fromA.add(d); return d; };
        sim.b.egress = d -> { fromB.add(d); return d; };
        sim.send(sim.a, 64, 1);
        sim.runFor(S);
        assertEquals(1, keysA.size());
        assertEquals(1, keysB.size());
        HandshakeKeyMaterial ka = keysA.get(0);
        assertEquals(sim.a.device.privateKey(), ka.localStatic());
        assertEquals(sim.b.device.publicKey(), ka.remoteStatic());
        assertEquals(q, ka.presharedKey());
        // the logged ephemeral private key is the one behind the ephemeral public key on the wire
        assertArrayEquals(ka.localEphemeral().publicKey().bytes(), Arrays.copyOfRange(fromA.get(0).bytes(), 8, 40));
        assertArrayEquals(keysB.get(0).localEphemeral().publicKey().bytes(), Arrays.copyOfRange(fromB.get(0).bytes(), 12, 44));
    }

    @Test
    void ipv6InnerPacketsRouteAndPassTheSourceCheck() {
        Sim sim = new Sim(Constants.DEFAULTS, 42);
        sim.a.device.addAllowedIp(sim.a.peer, IpPrefix.parse("fd00::2/128"));
        sim.b.device.addAllowedIp(sim.b.peer, IpPrefix.parse("fd00::1/128"));
        byte[] p = new byte[40 + 30];
        p[0] = 0x60;
        p[5] = 30;
        p[6] = 17;
        p[7] = 64;
        p[8] = (byte) 0xfd;
        p[23] = 1;
        p[24] = (byte) 0xfd;
        p[39] = 2;
        WgOutput o = sim.a.device.sendInner(sim.now, p, 0, p.length);
        sim.handle(sim.a, o);
        sim.runFor(S);
        assertEquals(1, sim.got.size());
        assertArrayEquals(p, sim.got.get(0).packet());
    }

    @Test
    void removingAPeerForgetsItsRoutesKeysAndStagedPackets() {
        Sim sim = new Sim(Constants.DEFAULTS, 43);
        sim.send(sim.a, 64, 1);
        sim.runFor(S);
        sim.b.egress = d -> null;
        sim.a.device.removePeer(sim.a.peer);
        assertTrue(sim.a.device.peers().isEmpty());
        assertNull(sim.a.device.peer(sim.b.device.publicKey()));
        assertEquals(DropReason.NO_ROUTE, sim.send(sim.a, 64, 2).drops().get(0).reason());
        assertEquals(Long.MAX_VALUE, sim.a.device.nextTimeout());
        assertThrows(IllegalArgumentException.class, () -> sim.a.device.setEndpoint(sim.a.peer, null));
        // B's packets now name an index A no longer knows
        sim.b.egress = d -> d;
        sim.send(sim.b, 64, 3);
        sim.runFor(S);
        assertEquals(1, sim.a.device.dropCount(DropReason.UNKNOWN_INDEX));
    }

    @Test
    void misuseFailsFast() {
        Sim sim = new Sim(Constants.DEFAULTS, 44);
        assertThrows(IllegalArgumentException.class, () -> sim.a.device.addPeer(sim.b.device.publicKey(), null));
        IllegalArgumentException self = assertThrows(IllegalArgumentException.class,
                () -> sim.a.device.addPeer(sim.a.device.publicKey(), null));
        assertEquals("a device cannot be its own peer: " + sim.a.device.publicKey() + " is this device's own public key"
                + " (two devices configured with the same private key?)", self.getMessage());
        assertEquals(1, sim.a.device.peers().size(), "the refused peer was not added");
        assertThrows(IllegalArgumentException.class, () -> sim.a.device.setPersistentKeepalive(0, sim.a.peer, 70000));
        assertThrows(IllegalArgumentException.class, () -> sim.a.device.receive(0, sim.b.address, new byte[4], 2, 4));
        assertEquals("bad_mac1", DropReason.BAD_MAC1.label());
    }

    @Test
    void bothTransportProvidersInteroperate() throws Exception {
        dev.wgsim.wg.crypto.Entropy e = dev.wgsim.wg.crypto.Entropy.of(new java.util.Random(9));
        dev.wgsim.wg.crypto.PrivateKey ka = dev.wgsim.wg.crypto.PrivateKey.generate(e);
        dev.wgsim.wg.crypto.PrivateKey kb = dev.wgsim.wg.crypto.PrivateKey.generate(e);
        WgDevice a = new WgDevice(ka, 1, Constants.DEFAULTS, e, 0, dev.wgsim.wg.crypto.TransportAeads.Provider.JDK);
        WgDevice b = new WgDevice(kb, 2, Constants.DEFAULTS, e, 0, dev.wgsim.wg.crypto.TransportAeads.Provider.BC);
        WgPeer pb = a.addPeer(kb.publicKey(), null);
        WgPeer pa = b.addPeer(ka.publicKey(), null);
        a.setEndpoint(pb, Sim.addr(127, 0, 0, 2, 2));
        a.addAllowedIp(pb, IpPrefix.parse("10.0.0.2/32"));
        b.addAllowedIp(pa, IpPrefix.parse("10.0.0.1/32"));
        byte[] p = Sim.ipv4(new byte[] {10, 0, 0, 1}, new byte[] {10, 0, 0, 2}, 1400, 3);
        java.net.InetSocketAddress from = Sim.addr(127, 0, 0, 1, 1);
        byte[] init = a.sendInner(5, p, 0, p.length).datagrams().get(0).bytes();
        byte[] resp = b.receive(6, from, init, 0, init.length).datagrams().get(0).bytes();
        byte[] data = a.receive(7, Sim.addr(127, 0, 0, 2, 2), resp, 0, resp.length).datagrams().get(0).bytes();
        assertEquals(16 + 1420 + 16, data.length, "1,420 B inner: padding stops at the MTU");
        assertArrayEquals(p, b.receive(8, from, data, 0, data.length).delivered().get(0).packet());
    }

    /** A delivered packet is a view of the device's buffer: packet() and detached() are what a consumer keeps. */
    @Test
    void aDeliveredViewIsOverwrittenByTheNextReceiveButItsDetachedCopyIsNot() {
        Sim sim = new Sim(Constants.DEFAULTS, 12);
        sim.send(sim.a, 64, 1);
        sim.runFor(Sim.S);
        byte[] first = Sim.ipv4(sim.a.innerAddress(), sim.b.innerAddress(), 200, 7);
        byte[] second = Sim.ipv4(sim.a.innerAddress(), sim.b.innerAddress(), 200, 99);
        byte[] d1 = sim.a.device.sendInner(sim.now, first, 0, first.length).datagrams().get(0).bytes();
        byte[] d2 = sim.a.device.sendInner(sim.now, second, 0, second.length).datagrams().get(0).bytes();
        InnerPacket view = sim.b.device.receive(sim.now, sim.a.address, d1, 0, d1.length).delivered().get(0);
        assertEquals(first.length, view.length());
        byte[] kept = view.packet();
        InnerPacket detached = view.detached();
        assertArrayEquals(first, kept);
        sim.b.device.receive(sim.now, sim.a.address, d2, 0, d2.length);
        assertArrayEquals(first, kept, "packet() is a copy");
        assertArrayEquals(first, detached.packet(), "detached() owns its bytes");
        assertArrayEquals(second, java.util.Arrays.copyOf(view.buffer(), view.length()),
                "the view shows the device's buffer, now holding the next packet");
    }

    @Test
    void nextTimeoutCacheFollowsManyPeers() {
        java.util.Random r = new java.util.Random(77);
        dev.wgsim.wg.crypto.Entropy e = dev.wgsim.wg.crypto.Entropy.of(r);
        WgDevice hub = new WgDevice(dev.wgsim.wg.crypto.PrivateKey.generate(e), 1, Constants.DEFAULTS, e, 0);
        List<WgPeer> spokes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            WgPeer p = hub.addPeer(dev.wgsim.wg.crypto.PrivateKey.generate(e).publicKey(), null);
            hub.setEndpoint(p, Sim.addr(192, 0, 2, i + 1, 51820));
            hub.addAllowedIp(p, IpPrefix.parse("10.1." + i + ".0/24"));
            spokes.add(p);
        }
        long now = 1_000 * S;
        for (int step = 0; step < 2000; step++) {
            now += r.nextInt(3_000_000) * 1_000L;
            int k = r.nextInt(4);
            if (k == 0) {
                int i = r.nextInt(50);
                byte[] p = Sim.ipv4(new byte[] {10, 0, 0, 1}, new byte[] {10, 1, (byte) i, 9}, 10, 0);
                hub.sendInner(now, p, 0, p.length);
            } else if (k == 1) {
                hub.setPersistentKeepalive(now, spokes.get(r.nextInt(50)), r.nextInt(3) * 5);
            } else if (k == 2 && hub.nextTimeout() <= now) {
                hub.handleTimeout(now);
            } else {
                byte[] junk = new byte[32 + r.nextInt(64)];
                junk[0] = 4;
                hub.receive(now, Sim.addr(203, 0, 113, 1, 9), junk, 0, junk.length);
            }
            assertEquals(hub.nextTimeoutByScan(), hub.nextTimeout(), "step " + step);
        }
    }

    @Test
    void nextTimeoutFollowsPeersAddedAndRemoved() {
        java.util.Random r = new java.util.Random(78);
        dev.wgsim.wg.crypto.Entropy e = dev.wgsim.wg.crypto.Entropy.of(r);
        WgDevice hub = new WgDevice(dev.wgsim.wg.crypto.PrivateKey.generate(e), 1, Constants.DEFAULTS, e, 0);
        List<WgPeer> spokes = new ArrayList<>();
        long now = 1_000 * S;
        int fired = 0;
        for (int step = 0; step < 3000; step++) {
            now += r.nextInt(2_000_000) * 1_000L;
            int k = r.nextInt(5);
            if (k == 0 || spokes.size() < 3) {
                WgPeer p = hub.addPeer(dev.wgsim.wg.crypto.PrivateKey.generate(e).publicKey(), null);
                hub.setEndpoint(p, Sim.addr(192, 0, 2, 1 + spokes.size() % 200, 51820));
                hub.setPersistentKeepalive(now, p, 1 + r.nextInt(3));
                spokes.add(p);
            } else if (k == 1) {
                hub.removePeer(spokes.remove(r.nextInt(spokes.size())));
            } else if (k == 2) {
                hub.setPersistentKeepalive(now, spokes.get(r.nextInt(spokes.size())), r.nextInt(3));
            } else if (hub.nextTimeout() <= now) {
                hub.handleTimeout(now);
                fired++;
                assertTrue(hub.nextTimeoutByScan() > now, "everything due has fired, step " + step);
            }
            assertEquals(hub.nextTimeoutByScan(), hub.nextTimeout(), "step " + step);
        }
        assertTrue(fired > 100, "timers fired " + fired + " times");
    }

    @Test
    void dueTimersFireInTheOrderPeersWereAddedNotByDeadline() {
        java.util.Random r = new java.util.Random(79);
        dev.wgsim.wg.crypto.Entropy e = dev.wgsim.wg.crypto.Entropy.of(r);
        WgDevice hub = new WgDevice(dev.wgsim.wg.crypto.PrivateKey.generate(e), 1, Constants.DEFAULTS, e, 0);
        List<WgPeer> peers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WgPeer p = hub.addPeer(dev.wgsim.wg.crypto.PrivateKey.generate(e).publicKey(), null);
            hub.setEndpoint(p, Sim.addr(192, 0, 2, i + 1, 51820));
            peers.add(p);
        }
        // Keepalives switched on last peer first: each starts a handshake whose retransmit is due
        // REKEY_TIMEOUT (5 s) plus up to 333 ms of jitter later; the last one switched on is due last.
        long t0 = 1_000 * S;
        hub.setPersistentKeepalive(t0, peers.get(2), 25);
        hub.setPersistentKeepalive(t0 + 1_000_000_000L, peers.get(1), 25);
        hub.setPersistentKeepalive(t0 + 2_000_000_000L, peers.get(0), 25);
        List<dev.wgsim.wg.crypto.PublicKey> retried = new ArrayList<>();
        for (WgEvent ev : hub.handleTimeout(t0 + 10 * S).events()) {
            if (ev instanceof WgEvent.HandshakeInitiated h && h.retry()) {
                retried.add(h.peer());
            }
        }
        assertEquals(List.of(peers.get(0).publicKey(), peers.get(1).publicKey(), peers.get(2).publicKey()), retried);
        assertTrue(hub.nextTimeout() > t0 + 10 * S);
    }

    @Test
    void allowedIpsMoveBetweenPeersAndCanBeRemoved() {
        Sim sim = new Sim(Constants.DEFAULTS, 45);
        WgPeer other = sim.a.device.addPeer(dev.wgsim.wg.crypto.PrivateKey.generate(
                dev.wgsim.wg.crypto.Entropy.of(new java.util.Random(3))).publicKey(), null);
        IpPrefix p = IpPrefix.parse("10.0.0.2/32");
        assertEquals(sim.a.peer, sim.a.device.allowedIpOwner(p));
        sim.a.device.addAllowedIp(other, p);
        assertEquals(other, sim.a.device.allowedIpOwner(p));
        assertTrue(sim.a.device.allowedIps(sim.a.peer).isEmpty());
        sim.a.device.removeAllowedIp(sim.a.peer, p); // not its prefix: nothing happens
        assertEquals(other, sim.a.device.allowedIpOwner(p));
        sim.a.device.clearAllowedIps(other);
        assertNull(sim.a.device.allowedIpOwner(p));
        assertEquals(DropReason.NO_ROUTE, sim.send(sim.a, 10, 0).drops().get(0).reason());
    }
}
