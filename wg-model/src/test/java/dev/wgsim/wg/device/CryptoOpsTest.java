package dev.wgsim.wg.device;

import static dev.wgsim.wg.device.Sim.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operation counts {@code bench/scale} multiplies by unit costs to estimate a run's own
 * cryptography. Expected values from the protocol (WIREGUARD.md, whitepaper §5.4): one handshake is
 * one initiation built by the initiator and consumed by the responder, one response the other way;
 * the static-static agreement DH(S_i, S_r) depends only on the two static keys, so it is paid on the
 * first handshake with a peer and never again while the keys stay (wireguard-go keeps it precomputed).
 */
class CryptoOpsTest {

    private static Map<CryptoOp, Long> counts(WgDevice d) {
        Map<CryptoOp, Long> m = new EnumMap<>(CryptoOp.class);
        for (CryptoOp op : CryptoOp.values()) {
            m.put(op, d.cryptoOps(op));
        }
        return m;
    }

    @Test
    void oneHandshakeCountsEachSideOnceAndTheStaticStaticAgreementOnlyOnTheFirst() {
        Sim sim = new Sim(Constants.DEFAULTS, 5);
        sim.send(sim.a, 64, 0);
        sim.runFor(1 * S);
        Map<CryptoOp, Long> a = counts(sim.a.device);
        Map<CryptoOp, Long> b = counts(sim.b.device);
        assertEquals(1, a.get(CryptoOp.INITIATION_CREATED));
        assertEquals(1, b.get(CryptoOp.INITIATION_CONSUMED));
        assertEquals(1, b.get(CryptoOp.RESPONSE_CREATED));
        assertEquals(1, a.get(CryptoOp.RESPONSE_CONSUMED));
        assertEquals(1, a.get(CryptoOp.STATIC_STATIC_AGREED));
        assertEquals(1, b.get(CryptoOp.STATIC_STATIC_AGREED));
        // The staged packet; within 1 s nobody owes a keepalive yet (KEEPALIVE_TIMEOUT is 10 s).
        assertEquals(1, a.get(CryptoOp.TRANSPORT_SEALED));
        assertEquals(1, b.get(CryptoOp.TRANSPORT_OPENED));

        // Traffic both ways for 5 minutes: REKEY_AFTER_TIME (120 s) makes new handshakes, none of
        // which redoes the static-static agreement.
        long start = sim.now;
        for (int i = 1; i < 300; i++) {
            int tag = i;
            sim.at(start + i * S, () -> sim.send(sim.a, 64, tag));
            sim.at(start + i * S + S / 2, () -> sim.send(sim.b, 64, tag));
        }
        sim.runUntil(start + 301 * S);
        long handshakes = sim.a.device.cryptoOps(CryptoOp.INITIATION_CREATED) + sim.b.device.cryptoOps(CryptoOp.INITIATION_CREATED);
        assertTrue(handshakes >= 3, "rekeys in 5 minutes: " + handshakes);
        assertEquals(1, sim.a.device.cryptoOps(CryptoOp.STATIC_STATIC_AGREED));
        assertEquals(1, sim.b.device.cryptoOps(CryptoOp.STATIC_STATIC_AGREED));
        assertEquals(sim.a.device.cryptoOps(CryptoOp.INITIATION_CREATED), sim.b.device.cryptoOps(CryptoOp.INITIATION_CONSUMED));
        assertEquals(sim.b.device.cryptoOps(CryptoOp.INITIATION_CREATED), sim.a.device.cryptoOps(CryptoOp.INITIATION_CONSUMED));
    }
}
