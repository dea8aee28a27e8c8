package dev.wgsim.wg.noise;

import static dev.wgsim.wg.crypto.Hex.decode;
import static dev.wgsim.wg.crypto.Hex.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.wg.crypto.Blake2s;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.Hex;
import org.junit.jupiter.api.Test;

/** WIREGUARD.md §9.5: the cookie reply and mac2 of message 1 under load. */
class CookieVectorTest {
    static final byte[] SRC = {(byte) 192, 0, 2, 1};
    static final int PORT = 51820;

    /** Hands out a fixed byte sequence (the 24-byte nonce c0..d7). */
    static Entropy fixed(byte[] bytes) {
        return new Entropy() {
            @Override public void nextBytes(byte[] b) { System.arraycopy(bytes, 0, b, 0, b.length); }
            @Override public int nextInt(int bound) { return 0; }
        };
    }

    @Test
    void cookieReplyAndMac2ByteForByte() {
        long now = 7_000_000_000L;
        CookieChecker checker = new CookieChecker(HandshakeVectorTest.S_R.publicKey());
        checker.setSecret(Hex.range(0xa0, 0xbf), now);
        assertEquals("7016835937852edc1b8d8fdb64effd95", encode(checker.cookieFor(SRC, PORT)));
        assertEquals("e0153755cb4ee60ed472fa40fa20e1220446cc458fce98536ef506f2786eefc2",
                encode(Blake2s.hash("cookie--".getBytes(java.nio.charset.StandardCharsets.US_ASCII), HandshakeVectorTest.S_R.publicKey().bytes())));

        byte[] m1 = decode(HandshakeVectorTest.MSG1);
        byte[] reply = checker.createReply(m1, 0, 148, SRC, PORT, now, fixed(Hex.range(0xc0, 0xd7)));
        assertEquals("03000000" + "44332211" + "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7"
                + "8449f4a41b4ac45a87b83e765b47ae810ba65d791c449a92174b35aedcc4f142", encode(reply));

        // The initiator opens it (AAD = its last mac1) and the next initiation carries mac2.
        CookieGenerator gen = new CookieGenerator(HandshakeVectorTest.S_R.publicKey());
        byte[] resent = decode(HandshakeVectorTest.MSG1);
        gen.addMacs(resent, now);
        assertTrue(gen.consumeReply(MessageCookieReply.decode(reply, 0, 64), now));
        gen.addMacs(resent, now + 1);
        assertEquals("3fd4e37a36887dfed829e0974b2ba872", Hex.encode(resent, 132, 16));
        assertTrue(checker.checkMac2(resent, 0, 148, SRC, PORT, now + 1));
        assertFalse(checker.checkMac2(resent, 0, 148, new byte[] {(byte) 192, 0, 2, 2}, PORT, now + 1));
        assertFalse(checker.checkMac2(resent, 0, 148, SRC, PORT + 1, now + 1));
        assertFalse(checker.checkMac2(decode(HandshakeVectorTest.MSG1), 0, 148, SRC, PORT, now + 1));
    }

    @Test
    void secretExpiresAfter120sAndCookieAfter120s() {
        long now = 1_000L;
        CookieChecker checker = new CookieChecker(HandshakeVectorTest.S_R.publicKey());
        checker.setSecret(Hex.range(0xa0, 0xbf), now);
        byte[] m1 = decode(HandshakeVectorTest.MSG1);
        CookieGenerator gen = new CookieGenerator(HandshakeVectorTest.S_R.publicKey());
        gen.addMacs(m1, now);
        byte[] reply = checker.createReply(m1, 0, 148, SRC, PORT, now, fixed(Hex.range(0xc0, 0xd7)));
        assertTrue(gen.consumeReply(MessageCookieReply.decode(reply, 0, 64), now));
        gen.addMacs(m1, now + 119_000_000_000L);
        assertTrue(checker.checkMac2(m1, 0, 148, SRC, PORT, now + 119_000_000_000L));
        assertFalse(checker.checkMac2(m1, 0, 148, SRC, PORT, now + 120_000_000_001L), "secret too old");
        assertTrue(gen.hasFreshCookie(now + 119_999_999_999L));
        assertFalse(gen.hasFreshCookie(now + 120_000_000_000L));
        gen.addMacs(m1, now + 120_000_000_000L);
        assertEquals("00000000000000000000000000000000", Hex.encode(m1, 132, 16));
        // a reply sealed for a different mac1 does not open
        byte[] other = reply.clone();
        other[40] ^= 1;
        assertFalse(gen.consumeReply(MessageCookieReply.decode(other, 0, 64), now));
    }

    @Test
    void rateLimiterAllowsBurstOfFiveThenTwentyPerSecond() {
        RateLimiter rl = new RateLimiter();
        long t = 3_000_000_000L;
        int allowed = 0;
        for (int i = 0; i < 10; i++) {
            allowed += rl.allow(SRC, t) ? 1 : 0;
        }
        assertEquals(5, allowed);
        assertTrue(rl.allow(new byte[] {10, 0, 0, 1}, t), "other sources have their own bucket");
        assertFalse(rl.allow(SRC, t + 49_999_999L));
        assertTrue(rl.allow(SRC, t + 50_000_000L));
        int perSecond = 0;
        for (long ns = 0; ns < 10_000_000_000L; ns += 10_000_000L) {
            perSecond += rl.allow(SRC, t + 1_000_000_000L + ns) ? 1 : 0;
        }
        assertTrue(perSecond >= 200 && perSecond <= 206, "about 20/s over 10 s: " + perSecond);
    }

    @Test
    void indexTableHandsOutUniqueIndices() {
        IndexTable<String> table = new IndexTable<>();
        Entropy e = Entropy.of(new java.util.Random(42));
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(table.insert(e, "v" + i)));
        }
        assertEquals(1000, table.size());
        int first = seen.iterator().next();
        table.remove(first);
        assertEquals(null, table.lookup(first));
    }
}
