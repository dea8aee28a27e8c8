package dev.wgsim.engine.nat;

import static dev.wgsim.engine.nat.NatLab.Outcome.DIRECT;
import static dev.wgsim.engine.nat.NatLab.Outcome.PUNCH;
import static dev.wgsim.engine.nat.NatLab.Outcome.RELAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.IpAddress;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.nat.NatLab.Outcome;
import dev.wgsim.engine.nat.NatLab.Peer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The NAT-pair outcomes of the research note's section 6 (and the composition rules of section 1:
 * stacked layers are endpoint-independent only if every layer is, the strictest filter wins, two
 * homes behind one CGN need it to hairpin), checked by peers that actually probe each other through
 * the simulated NATs. Expected outcomes are the table's rows, written down before running.
 */
class NatCompositionTest {
    static final long LEASE = 7_200 * NatLab.S;

    static NatConfig fullCone() {
        return NatConfig.builder().mapping(Behavior.ENDPOINT_INDEPENDENT).filtering(Behavior.ENDPOINT_INDEPENDENT)
                .ports(PortAllocation.RANDOM).build();
    }

    static NatConfig hairpinning(NatConfig c) {
        return new NatConfig(c.mapping(), c.filtering(), c.ports(), c.portLow(), c.portHigh(), c.mappingTimeoutNanos(),
                c.tcpTimeoutNanos(), c.inboundRefreshes(), true, c.oneToOne(), c.refreshTraceIntervalNanos());
    }

    /** Each peer behind its own NAT of the given config (null: a public host). */
    static Function<NatLab, Peer[]> pair(NatConfig a, NatConfig b) {
        return lab -> new Peer[] {
            lab.peer("a", a == null ? null : lab.nat("nat-a", a, null)),
            lab.peer("b", b == null ? null : lab.nat("nat-b", b, null)),
        };
    }

    static Outcome outcome(String a, String b) {
        return NatLab.outcome(pair(NatConfig.preset(a), NatConfig.preset(b)));
    }

    /** Peer a behind {@code home} with a UDP port mapping of its 41641 on it, peer b behind {@code other}. */
    static Function<NatLab, Peer[]> portMapped(NatConfig home, NatConfig other) {
        return lab -> {
            Nat n = lab.nat("nat-a", home, null);
            Peer a = lab.peer("a", n);
            IpAddress inside = a.host.sourceAddressFor(NatLab.STUN1.address());
            assertNotNull(n.addPortMapping(IpPacket.PROTO_UDP, new Endpoint(inside, NatLab.PEER_PORT), NatLab.PEER_PORT, LEASE));
            return new Peer[] {a, lab.peer("b", lab.nat("nat-b", other, null))};
        };
    }

    @Test
    void openSideIsDirectWithAnything() {
        assertEquals(DIRECT, outcome("one2one", "hard"));
        assertEquals(DIRECT, outcome("one2one", "easy"));
        assertEquals(DIRECT, NatLab.outcome(pair(null, NatConfig.preset("hard"))), "a public host");
        assertEquals(DIRECT, NatLab.outcome(pair(fullCone(), NatConfig.preset("hard"))), "full cone x symmetric");
    }

    @Test
    void coneCombinationsPunch() {
        assertEquals(PUNCH, outcome("easyaf", "easyaf"), "restricted x restricted");
        assertEquals(PUNCH, outcome("easyaf", "easy"), "restricted x port-restricted");
        assertEquals(PUNCH, outcome("easy", "easy"), "port-restricted x port-restricted (natlab easy-easy: direct)");
        assertEquals(PUNCH, outcome("easyaf", "hard"), "restricted x symmetric: the symmetric side's new port is learned from its probe");
    }

    @Test
    void portRestrictedOrSymmetricAgainstSymmetricRelays() {
        assertEquals(RELAY, outcome("easy", "hard"), "port-restricted x symmetric");
        assertEquals(RELAY, outcome("hard", "hard"), "symmetric x symmetric");
    }

    @Test
    void aPortMappingActsAsEndpointIndependentWithNoFilter() {
        assertEquals(DIRECT, NatLab.outcome(portMapped(NatConfig.preset("easy"), NatConfig.preset("hard"))), "easy+pm x hard");
        assertEquals(DIRECT, NatLab.outcome(portMapped(NatConfig.preset("hard"), NatConfig.preset("hard"))), "hard+pm x hard");
    }

    @Test
    void portMappingLeaseIsTheLeasedPortOpenToAnyoneUntilItEnds() {
        NatLab lab = new NatLab(3);
        Nat n = lab.nat("home", NatConfig.preset("hard"), null);
        Peer a = lab.peer("a", n);
        Peer stranger = lab.peer("stranger", null);
        IpAddress inside = a.host.sourceAddressFor(NatLab.STUN1.address());
        Endpoint ext = n.addPortMapping(IpPacket.PROTO_UDP, new Endpoint(inside, NatLab.PEER_PORT), 5555, 60 * NatLab.S);
        assertEquals(5555, ext.port(), "the wanted port when free");
        lab.net.at(NatLab.S, () -> a.stun(NatLab.STUN1));
        lab.net.at(NatLab.S, () -> a.stun(NatLab.STUN2));
        lab.net.at(2 * NatLab.S, () -> stranger.probe(ext));          // unsolicited, inside the lease
        lab.net.at(61 * NatLab.S, () -> stranger.probe(ext));         // after the lease
        lab.runTo(3 * NatLab.S);
        assertEquals(ext, a.reflexive.get(NatLab.STUN1), "outbound packets leave from the leased port");
        assertEquals(ext, a.reflexive.get(NatLab.STUN2), "to every destination, though the NAT is symmetric");
        assertEquals(1, a.heardFrom.size(), "anyone may send in");
        lab.runTo(70 * NatLab.S);
        assertEquals(1, a.heardFrom.size(), "the lease ended at 60 s, busy or not");
        assertEquals(1, lab.net.drops(dev.wgsim.engine.net.DropReason.NAT_NO_MAPPING));
    }

    @Test
    void sameNatOnIsolatedSegmentsPunchesOnlyIfItHairpins() {
        Function<Boolean, Function<NatLab, Peer[]>> shared = hairpin -> lab -> {
            NatConfig c = NatConfig.preset("easy");
            Nat n = lab.nat("home", hairpin ? hairpinning(c) : c, null);
            return new Peer[] {lab.peer("a", n), lab.peer("b", n)};
        };
        assertEquals(PUNCH, NatLab.outcome(shared.apply(true)));
        assertEquals(RELAY, NatLab.outcome(shared.apply(false)));
    }

    /** Two homes (easy) behind one CGN. */
    static Function<NatLab, Peer[]> twoHomesBehindOneCgn(NatConfig cgn) {
        return lab -> {
            Nat c = lab.nat("cgn", cgn, null);
            return new Peer[] {
                lab.peer("a", lab.nat("home-a", NatConfig.preset("easy"), c)),
                lab.peer("b", lab.nat("home-b", NatConfig.preset("easy"), c)),
            };
        };
    }

    @Test
    void twoHomesBehindOneCgnPunchOnlyIfItHairpinsAndEveryLayerIsEndpointIndependent() {
        assertEquals(PUNCH, NatLab.outcome(twoHomesBehindOneCgn(hairpinning(NatConfig.preset("easy")))));
        assertEquals(RELAY, NatLab.outcome(twoHomesBehindOneCgn(NatConfig.preset("easy"))), "no hairpin");
        assertEquals(RELAY, NatLab.outcome(twoHomesBehindOneCgn(hairpinning(NatConfig.preset("hard")))), "symmetric CGN");
    }

    /** Peer a behind home NAT {@code home} behind CGN {@code cgn}; peer b behind its own {@code other} (null: public). */
    static Function<NatLab, Peer[]> stacked(NatConfig home, NatConfig cgn, NatConfig other) {
        return lab -> new Peer[] {
            lab.peer("a", lab.nat("home", home, lab.nat("cgn", cgn, null))),
            lab.peer("b", other == null ? null : lab.nat("nat-b", other, null)),
        };
    }

    @Test
    void behindACgnTheCombinationCounts() {
        NatConfig easy = NatConfig.preset("easy");
        NatConfig hard = NatConfig.preset("hard");
        assertEquals(PUNCH, NatLab.outcome(stacked(easy, easy, easy)), "port-restricted behind an EIM CGN x port-restricted");
        assertEquals(RELAY, NatLab.outcome(stacked(easy, hard, easy)), "behind a symmetric CGN x port-restricted");
        assertEquals(PUNCH, NatLab.outcome(stacked(easy, hard, NatConfig.preset("easyaf"))), "behind a symmetric CGN x restricted");
        assertEquals(DIRECT, NatLab.outcome(stacked(easy, hard, NatConfig.preset("one2one"))), "behind a symmetric CGN x open");
        // the strictest filter wins: full cone under full cone stays full cone; any port-restricted layer makes it so
        assertEquals(DIRECT, NatLab.outcome(stacked(fullCone(), fullCone(), hard)));
        assertEquals(RELAY, NatLab.outcome(stacked(fullCone(), easy, hard)), "port-restricted CGN over a full-cone home");
        assertEquals(RELAY, NatLab.outcome(stacked(easy, fullCone(), hard)), "port-restricted home under a full-cone CGN");
    }

    /** The two ports reflectors on different addresses see for one socket of peer a. */
    static Endpoint[] seenBy(NatConfig home, NatConfig cgn) {
        NatLab lab = new NatLab(5);
        Peer a = lab.peer("a", lab.nat("home", home, lab.nat("cgn", cgn, null)));
        lab.net.at(0, () -> a.stun(NatLab.STUN1));
        lab.net.at(0, () -> a.stun(NatLab.STUN2));
        lab.runTo(NatLab.S);
        return new Endpoint[] {a.reflexive.get(NatLab.STUN1), a.reflexive.get(NatLab.STUN2)};
    }

    @Test
    void stackedMappingIsEndpointIndependentOnlyIfEveryLayerIs() {
        NatConfig easy = NatConfig.preset("easy");
        NatConfig hard = NatConfig.preset("hard");
        Endpoint[] ee = seenBy(easy, easy);
        assertEquals(ee[0], ee[1], "EIM over EIM: both servers see one port");
        Endpoint[] eh = seenBy(easy, hard);
        assertNotEquals(eh[0].port(), eh[1].port(), "EIM home behind a symmetric CGN: MappingVariesByDestIP");
        Endpoint[] he = seenBy(hard, easy);
        assertNotEquals(he[0].port(), he[1].port(), "symmetric home behind an EIM CGN: MappingVariesByDestIP");
    }
}
