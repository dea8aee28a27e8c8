package dev.wgsim.wg.device;

import static dev.wgsim.wg.device.Sim.MS;
import static dev.wgsim.wg.device.Sim.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.wg.crypto.PublicKey;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An endpoint kind the layer below resolves (wireguard-go conn.Endpoint), as a tailnet client
 * uses one: "via relay region R to key K". Expected behaviour from the design rule (WgEndpoint's
 * contract): the device hands datagrams to that endpoint untouched, never replaces it from
 * authenticated traffic (the layer below owns path choice), and binds cookies to the address
 * bytes the endpoint names, as wireguard-go binds them to DstToBytes.
 */
class LayerBelowEndpointTest {

    /** A relay path as a tailnet layer might model it; the cookie address is a fixed fake one. */
    record ViaRelay(int region, PublicKey to, byte[] fakeAddress) implements WgEndpoint {
        @Override
        public byte[] cookieAddress() {
            return fakeAddress.clone();
        }

        @Override
        public int cookiePort() {
            return region;
        }
    }

    private static Sim relayed(long seed) {
        Sim sim = new Sim(Constants.DEFAULTS, seed);
        ViaRelay toB = new ViaRelay(1, sim.b.device.publicKey(), new byte[] {127, 3, 3, 2});
        ViaRelay toA = new ViaRelay(1, sim.a.device.publicKey(), new byte[] {127, 3, 3, 1});
        sim.a.device.setWgEndpoint(sim.a.peer, toB);
        sim.b.device.setWgEndpoint(sim.b.peer, toA);
        // the layer below attributes each side's datagrams to the sender's relay endpoint
        sim.a.arrivesVia = toA;
        sim.b.arrivesVia = toB;
        return sim;
    }

    @Test
    void datagramsCarryTheLayersOwnEndpointBothWays() {
        Sim sim = relayed(81);
        WgEndpoint toB = sim.a.peer.wgEndpoint();
        sim.send(sim.a, 64, 1);
        sim.runFor(S);
        sim.send(sim.b, 64, 2);
        sim.runFor(S);

        assertEquals(2, sim.got.size(), "handshake and data both ways through the relay endpoints");
        List<Sim.Sent> fromA = sim.sent.stream().filter(s -> s.from().equals("A")).toList();
        assertFalse(fromA.isEmpty());
        for (Sim.Sent s : fromA) {
            assertSame(toB, s.to(), "every datagram of A names the endpoint the layer below gave the peer");
        }
        assertNull(sim.a.peer.endpoint(), "no UDP address to show for a relayed peer");
        assertTrue(sim.eventsOf("A", WgEvent.EndpointChanged.class).isEmpty());
        assertTrue(sim.eventsOf("B", WgEvent.EndpointChanged.class).isEmpty());
    }

    @Test
    void authenticatedDatagramsFromElsewhereDoNotOverrideTheLayersEndpoint() {
        Sim sim = relayed(82);
        WgEndpoint toB = sim.a.peer.wgEndpoint();
        sim.send(sim.a, 64, 1);
        sim.runFor(S);
        // B's datagrams now reach A as plain UDP from a direct address (a path A's layer did not choose)
        InetSocketAddress direct = Sim.addr(203, 0, 113, 50, 41641);
        sim.b.arrivesVia = null;
        sim.b.apparentSource = direct;
        sim.send(sim.b, 64, 2);
        sim.runFor(S);
        // and through another relay endpoint object
        sim.b.arrivesVia = new ViaRelay(2, sim.a.device.publicKey(), new byte[] {127, 3, 3, 9});
        sim.send(sim.b, 64, 3);
        sim.runFor(S);

        assertEquals(3, sim.got.size(), "the datagrams were accepted");
        assertSame(toB, sim.a.peer.wgEndpoint(), "roaming did not move the endpoint");
        assertTrue(sim.eventsOf("A", WgEvent.EndpointChanged.class).isEmpty());
        sim.send(sim.a, 64, 4);
        assertSame(toB, sim.sent.get(sim.sent.size() - 1).to());
    }

    @Test
    void aPeerWithoutEndpointLearnsNothingFromDatagramsTheLayerBelowAttributed() {
        Sim sim = new Sim(Constants.DEFAULTS, 83);
        sim.b.device.setWgEndpoint(sim.b.peer, null);
        ViaRelay toB = new ViaRelay(1, sim.b.device.publicKey(), new byte[] {127, 3, 3, 2});
        sim.a.device.setWgEndpoint(sim.a.peer, toB);
        sim.a.arrivesVia = new ViaRelay(1, sim.a.device.publicKey(), new byte[] {127, 3, 3, 1});
        sim.send(sim.a, 64, 1);
        sim.runFor(100 * MS);
        assertEquals(1, sim.eventsOf("B", WgEvent.HandshakeResponded.class).size(), "B accepted the initiation");
        assertNull(sim.b.peer.wgEndpoint(), "but does not learn an endpoint the layer below attributed");
        assertEquals(1, sim.dropCount(sim.b, DropReason.NO_ENDPOINT), "so its response has nowhere to go");
    }

    @Test
    void underLoadTheCookieGoesBackThroughTheEndpointAndBindsToItsAddress() {
        Sim sim = relayed(84);
        WgEndpoint aSeenByB = sim.a.arrivesVia;
        sim.b.device.forceUnderLoad(true);
        sim.send(sim.a, 64, 1);
        sim.runFor(100 * MS);
        List<Sim.Sent> cookies = sim.sentBy("B", 3);
        assertEquals(1, cookies.size());
        assertSame(aSeenByB, cookies.get(0).to(), "the reply goes where the initiation came from");
        List<Sim.Ev> sentEvents = sim.eventsOf("B", WgEvent.CookieSent.class);
        assertEquals(1, sentEvents.size());
        assertNull(((WgEvent.CookieSent) sentEvents.get(0).event()).to(), "no UDP address to name");
        assertEquals(1, sim.eventsOf("A", WgEvent.CookieReceived.class).size());
        // A's retry carries mac2 for the cookie bound to 127.3.3.1 port 1: accepted
        sim.runFor(6 * S);
        assertEquals(1, sim.got.size());
        assertEquals(1, sim.dropCount(sim.b, DropReason.NEEDS_COOKIE));

        // the same initiation bytes attributed to another endpoint (another address) need their own cookie
        Sim other = relayed(84);
        other.b.device.forceUnderLoad(true);
        other.send(other.a, 64, 1);
        other.runFor(100 * MS);
        other.a.arrivesVia = new ViaRelay(1, other.a.device.publicKey(), new byte[] {127, 3, 3, 7});
        other.runFor(6 * S);
        assertEquals(2, other.dropCount(other.b, DropReason.NEEDS_COOKIE), "mac2 does not match another address");
        assertEquals(0, other.got.size());
    }

    @Test
    void datagramToFailsForEndpointsTheLayerBelowResolves() {
        Datagram d = new Datagram(new ViaRelay(1, null, new byte[4]), new byte[1]);
        assertThrows(IllegalStateException.class, d::to);
        InetSocketAddress udp = Sim.addr(192, 0, 2, 1, 51820);
        assertEquals(udp, new Datagram(udp, new byte[1]).to());
        assertThrows(IllegalArgumentException.class,
                () -> new UdpEndpoint(InetSocketAddress.createUnresolved("example.org", 1)));
    }
}
