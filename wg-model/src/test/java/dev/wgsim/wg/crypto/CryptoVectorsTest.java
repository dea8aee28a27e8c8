package dev.wgsim.wg.crypto;

import static dev.wgsim.wg.crypto.Hex.decode;
import static dev.wgsim.wg.crypto.Hex.encode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every known-answer vector of WIREGUARD.md §9.1 - §9.3. */
class CryptoVectorsTest {

    @Test
    void rfc7748ScalarMultVectors() {
        assertEquals("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
                encode(X25519.scalarMult(decode("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                        decode("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"))));
        assertEquals("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957",
                encode(X25519.scalarMult(decode("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
                        decode("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"))));
    }

    @Test
    void rfc7748Iterated() {
        byte[] k = new byte[32];
        k[0] = 9;
        byte[] u = k.clone();
        for (int i = 1; i <= 1000; i++) {
            byte[] r = X25519.scalarMult(k, u);
            u = k;
            k = r;
            if (i == 1) {
                assertEquals("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079", encode(k));
            }
        }
        assertEquals("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51", encode(k));
    }

    @Test
    void rfc7748DiffieHellman() {
        PrivateKey alice = PrivateKey.of(decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        PrivateKey bob = PrivateKey.of(decode("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", encode(alice.publicKey().bytes()));
        assertEquals("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", encode(bob.publicKey().bytes()));
        byte[] s1 = new byte[32];
        byte[] s2 = new byte[32];
        assertTrue(X25519.agree(alice, bob.publicKey(), s1));
        assertTrue(X25519.agree(bob, alice.publicKey(), s2));
        assertEquals("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", encode(s1));
        assertArrayEquals(s1, s2);
    }

    @Test
    void agreementWithLowOrderPointFails() {
        PrivateKey alice = PrivateKey.of(decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        assertFalse(X25519.agree(alice, PublicKey.of(new byte[32]), new byte[32]));
        byte[] one = new byte[32];
        one[0] = 1;
        assertFalse(X25519.agree(alice, PublicKey.of(one), new byte[32]));
    }

    static final byte[] SUNSCREEN = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for "
            + "the future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
    static final byte[] KEY = Hex.range(0x80, 0x9f);
    static final byte[] AAD = decode("50515253c0c1c2c3c4c5c6c7");
    static final String RFC8439_CT = "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282"
            + "fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4"
            + "def08e4b7a9de576d26586cec64b6116" + "1ae10b594f09e26a7e902ecbd0600691";

    @Test
    void rfc8439OneShot() {
        // nonce 07000000 4041424344454647 is not of WireGuard's 0^4||LE64 shape, so use BC directly via xseal's sibling
        org.bouncycastle.crypto.modes.ChaCha20Poly1305 c = new org.bouncycastle.crypto.modes.ChaCha20Poly1305();
        c.init(true, new org.bouncycastle.crypto.params.AEADParameters(
                new org.bouncycastle.crypto.params.KeyParameter(KEY), 128, decode("070000004041424344454647"), AAD));
        byte[] out = new byte[SUNSCREEN.length + 16];
        int n = c.processBytes(SUNSCREEN, 0, SUNSCREEN.length, out, 0);
        try {
            c.doFinal(out, n);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(RFC8439_CT, encode(out));
    }

    @Test
    void xchacha20Poly1305DraftVector() {
        byte[] nonce = decode("404142434445464748494a4b4c4d4e4f5051525354555657");
        byte[] out = new byte[SUNSCREEN.length + 16];
        ChaChaPoly.xseal(KEY, nonce, SUNSCREEN, 0, SUNSCREEN.length, AAD, out, 0);
        assertEquals("bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39ae"
                + "64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff921f9664c97637da9"
                + "768812f615c68b13b52e" + "c0875924c1c7987947deafd8780acf49", encode(out));
        byte[] back = new byte[SUNSCREEN.length];
        assertTrue(ChaChaPoly.xopen(KEY, nonce, out, 0, out.length, AAD, back, 0));
        assertArrayEquals(SUNSCREEN, back);
        out[3] ^= 1;
        assertFalse(ChaChaPoly.xopen(KEY, nonce, out, 0, out.length, AAD, back, 0));
    }

    @Test
    void hchacha20Vector() {
        // BC's XChaCha20 engine derives the subkey with HChaCha20; check it through the keystream of
        // a zero-counter block: XChaCha20(k, n) == ChaCha20(HChaCha20(k, n[0..16]), 0^4||n[16..24]).
        byte[] key = Hex.range(0x00, 0x1f);
        byte[] n16 = decode("000000090000004a0000000031415927");
        byte[] sub = decode("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc");
        byte[] nonce24 = new byte[24];
        System.arraycopy(n16, 0, nonce24, 0, 16);
        nonce24[16] = 5;
        byte[] viaX = new byte[48];
        ChaChaPoly.xseal(key, nonce24, new byte[32], 0, 32, new byte[0], viaX, 0);
        byte[] viaSub = new byte[48];
        byte[] n12 = new byte[12];
        n12[4] = 5;
        org.bouncycastle.crypto.modes.ChaCha20Poly1305 c = new org.bouncycastle.crypto.modes.ChaCha20Poly1305();
        c.init(true, new org.bouncycastle.crypto.params.AEADParameters(
                new org.bouncycastle.crypto.params.KeyParameter(sub), 128, n12, new byte[0]));
        int n = c.processBytes(new byte[32], 0, 32, viaSub, 0);
        try {
            c.doFinal(viaSub, n);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertArrayEquals(viaSub, viaX);
    }

    @Test
    void transportAeadsAgreeWithRfc8439() {
        // RFC 8439's nonce is 07000000||4041424344454647; WireGuard's is 0^4||LE64(counter). The
        // vector's first 4 nonce bytes are not zero, so check both transports on a counter-shaped
        // nonce against the one-shot BC reference, and the reference against RFC 8439 above.
        for (TransportAeads.Provider p : TransportAeads.Provider.values()) {
            TransportAead aead = TransportAeads.create(p, KEY);
            long counter = 0x4746454443424140L;
            byte[] out = new byte[SUNSCREEN.length + 16];
            assertEquals(out.length, aead.seal(counter, SUNSCREEN, 0, SUNSCREEN.length, out, 0));
            byte[] ref = new byte[out.length];
            ChaChaPoly.seal(KEY, counter, SUNSCREEN, 0, SUNSCREEN.length, new byte[0], ref, 0);
            assertArrayEquals(ref, out, p.name());
            byte[] back = new byte[SUNSCREEN.length];
            assertEquals(SUNSCREEN.length, aead.open(counter, out, 0, out.length, back, 0));
            assertArrayEquals(SUNSCREEN, back);
            out[out.length - 1] ^= 1;
            assertEquals(-1, aead.open(counter, out, 0, out.length, back, 0), p.name());
            assertEquals(-1, aead.open(counter, out, 0, 15, back, 0));
            assertEquals(p.name().toLowerCase(), aead.provider());
        }
    }

    @Test
    void everyTransportImplementationPassesRfc8439() {
        byte[] nonce = decode("070000004041424344454647");
        BcTransportAead bc = new BcTransportAead(KEY);
        JdkTransportAead split = new JdkTransportAead(KEY, JdkTransportAead.Construction.SPLIT);
        JdkTransportAead aead = new JdkTransportAead(KEY, JdkTransportAead.Construction.AEAD);
        byte[] a = new byte[SUNSCREEN.length + 16];
        byte[] b = new byte[SUNSCREEN.length + 16];
        byte[] c = new byte[SUNSCREEN.length + 16];
        assertEquals(a.length, bc.seal(nonce, AAD, SUNSCREEN, 0, SUNSCREEN.length, a, 0));
        assertEquals(b.length, split.seal(nonce, AAD, SUNSCREEN, 0, SUNSCREEN.length, b, 0));
        assertEquals(c.length, aead.seal(nonce, AAD, SUNSCREEN, 0, SUNSCREEN.length, c, 0));
        assertEquals(RFC8439_CT, encode(a));
        assertEquals(RFC8439_CT, encode(b));
        assertEquals(RFC8439_CT, encode(c));
        byte[] back = new byte[SUNSCREEN.length];
        assertEquals(SUNSCREEN.length, bc.open(nonce, AAD, b, 0, b.length, back, 0));
        assertArrayEquals(SUNSCREEN, back);
        for (JdkTransportAead jdk : new JdkTransportAead[] {split, aead}) {
            back = new byte[SUNSCREEN.length];
            assertEquals(SUNSCREEN.length, jdk.open(nonce, AAD, a, 0, a.length, back, 0), jdk.construction().name());
            assertArrayEquals(SUNSCREEN, back);
            assertEquals(-1, jdk.open(nonce, new byte[0], a, 0, a.length, back, 0), "other AAD");
        }
        a[0] ^= 1;
        assertEquals(-1, bc.open(nonce, AAD, a, 0, a.length, back, 0));
        assertEquals(-1, split.open(nonce, AAD, a, 0, a.length, back, 0));
        assertEquals(-1, aead.open(nonce, AAD, a, 0, a.length, back, 0));
    }

    @Test
    void theBuildUsesTheSplitConstruction() {
        // surefire's argLine opens com.sun.crypto.provider as wgsim.jar's manifest does; without it
        // every JDK-cipher test here would quietly test only the AEAD construction.
        assertEquals(null, JdkTransportAead.splitUnavailableReason());
        assertEquals(JdkTransportAead.Construction.SPLIT, JdkTransportAead.DEFAULT_CONSTRUCTION);
        assertEquals(JdkTransportAead.Construction.SPLIT, new JdkTransportAead(KEY).construction());
    }

    @Test
    void jdkPoly1305PassesRfc8439EdgeVectors() {
        // RFC 8439 A.3 test vectors #5 (a final value just above p) and #6 (adding s overflows
        // 2^128); #5's s is zero, which the JDK's weak-key check would refuse.
        byte[] key = decode("0200000000000000000000000000000000000000000000000000000000000000");
        assertEquals("03000000000000000000000000000000",
                encode(poly(key, decode("ffffffffffffffffffffffffffffffff"))));
        key = decode("02000000000000000000000000000000ffffffffffffffffffffffffffffffff");
        assertEquals("03000000000000000000000000000000",
                encode(poly(key, decode("02000000000000000000000000000000"))));
    }

    private static byte[] poly(byte[] key, byte[] msg) {
        JdkPoly1305 p = new JdkPoly1305();
        p.init(key, 0);
        p.update(msg, 0, msg.length);
        byte[] tag = new byte[16];
        p.finish(tag, 0);
        return tag;
    }

    @Test
    void bcAndBothJdkConstructionsAgreeOnEveryLength() {
        // Lengths around the JDK's keystream batches (16 blocks of 64 bytes with AVX-512, 8 with
        // AVX2; the split construction's data starts one block in) and Poly1305's 16-byte blocks.
        TransportAead bc = TransportAeads.create(TransportAeads.Provider.BC, KEY);
        TransportAead split = new JdkTransportAead(KEY, JdkTransportAead.Construction.SPLIT);
        TransportAead aead = new JdkTransportAead(KEY, JdkTransportAead.Construction.AEAD);
        byte[] in = new byte[2100];
        for (int i = 0; i < in.length; i++) {
            in[i] = (byte) (i * 7);
        }
        int[] lengths = {0, 1, 15, 16, 17, 63, 64, 65, 447, 448, 449, 959, 960, 961, 1023, 1024, 1025, 1056,
            1420, 1500, 2047, 2048, 2049, 2100};
        for (int len : lengths) {
            byte[] a = new byte[len + 16];
            byte[] b = new byte[len + 16];
            byte[] c = new byte[len + 16];
            bc.seal(len, in, 0, len, a, 0);
            split.seal(len, in, 0, len, b, 0);
            aead.seal(len, in, 0, len, c, 0);
            assertArrayEquals(a, b, "split, len " + len);
            assertArrayEquals(a, c, "aead, len " + len);
            for (TransportAead opener : new TransportAead[] {bc, split, aead}) {
                byte[] back = new byte[len];
                assertEquals(len, opener.open(len, a, 0, a.length, back, 0), "len " + len);
                assertArrayEquals(java.util.Arrays.copyOf(in, len), back);
                a[a.length - 1 - (len % 16)] ^= 0x40;
                assertEquals(-1, opener.open(len, a, 0, a.length, back, 0), "tampered, len " + len);
                a[a.length - 1 - (len % 16)] ^= 0x40;
            }
        }
        assertEquals(24, lengths.length);
    }

    @Test
    void jdkKeyPairsSharingTheThreadsCipherEachSealAndOpenWithTheirOwnKey() {
        // Key pairs of one thread share the JDK cipher objects: interleaved use must still give
        // each key's RFC 8439 output (the one-shot BC reference), including the same key and
        // counter sealed twice in a row by two key pairs (a deterministic run repeated in a thread).
        byte[] key2 = KEY.clone();
        key2[0] ^= 0x5A;
        for (JdkTransportAead.Construction construction : JdkTransportAead.Construction.values()) {
            assertEquals(12, sealInterleaved(key2, construction), construction.name());
        }
    }

    private static int sealInterleaved(byte[] key2, JdkTransportAead.Construction construction) {
        TransportAead a = new JdkTransportAead(KEY, construction);
        TransportAead b = new JdkTransportAead(key2, construction);
        TransportAead aAgain = new JdkTransportAead(KEY, construction);
        int sealed = 0;
        for (long counter = 0; counter < 4; counter++) {
            for (Object[] k : new Object[][] {{a, KEY}, {b, key2}, {aAgain, KEY}}) {
                TransportAead aead = (TransportAead) k[0];
                byte[] out = new byte[SUNSCREEN.length + 16];
                assertEquals(out.length, aead.seal(counter, SUNSCREEN, 0, SUNSCREEN.length, out, 0));
                byte[] ref = new byte[out.length];
                ChaChaPoly.seal((byte[]) k[1], counter, SUNSCREEN, 0, SUNSCREEN.length, new byte[0], ref, 0);
                assertArrayEquals(ref, out, "counter " + counter);
                byte[] back = new byte[SUNSCREEN.length];
                assertEquals(-1, (aead == b ? a : b).open(counter, out, 0, out.length, back, 0), "other key");
                assertEquals(SUNSCREEN.length, aead.open(counter, out, 0, out.length, back, 0));
                assertArrayEquals(SUNSCREEN, back);
                sealed++;
            }
        }
        return sealed;
    }

    @Test
    void providerChoice() {
        assertEquals(TransportAeads.Provider.BC, TransportAeads.choose(null, 17));
        assertEquals(TransportAeads.Provider.JDK, TransportAeads.choose(null, 25));
        assertEquals(TransportAeads.Provider.BC, TransportAeads.choose("bc", 25));
        assertEquals(TransportAeads.Provider.JDK, TransportAeads.choose("JDK", 17));
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TransportAeads.choose("foo", 17));
        assertEquals("-Dwgsim.aead=foo: unknown transport cipher. Allowed values: bc (Bouncy Castle), jdk (the JDK's"
                + " ChaCha20-Poly1305), or leave it unset (jdk from Java 21 on, bc before)", bad.getMessage());
    }

    @Test
    void blake2s() {
        assertEquals("508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
                encode(Blake2s.hash("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("69217a3079908094e11121d042354a7c1f55b6482ca1a51e1b250dfd1ed0eef9", encode(Blake2s.hash(new byte[0])));
        assertEquals("48a8997da407876b3d79c0d92325ad3b89cbb754d86ab71aee047ad345fd2c49",
                encode(Blake2s.keyedHash256(Hex.range(0, 0x1f), new byte[0])));
    }

    @Test
    void kdfVectors() {
        byte[][] t = Kdf.kdf3("test-key".getBytes(StandardCharsets.US_ASCII), "test-input".getBytes(StandardCharsets.US_ASCII));
        assertEquals("6f0e5ad38daba1bea8a0d213688736f19763239305e0f58aba697f9ffc41c633", encode(t[0]));
        assertEquals("df1194df20802a4fe594cde27e92991c8cae66c366e8106aaa937a55fa371e8a", encode(t[1]));
        assertEquals("fac6e2745a325f5dc5d11a5b165aad08b0ada28e7b4e666b7c077934a4d76c24", encode(t[2]));
        byte[][] e = Kdf.kdf3(new byte[0], new byte[0]);
        assertEquals("8387b46bf43eccfcf349552a095d8315c4055beb90208fb1be23b894bc2ed5d0", encode(e[0]));
        assertEquals("58a0e5f6faefccf4807bff1f05fa8a9217945762040bcec2f4b4a62bdfe0e86e", encode(e[1]));
        assertEquals("0ce6ea98ec548f8e281e93e32db65621c45eb18dc6f0a7ad94178610a2f7338e", encode(e[2]));
        assertArrayEquals(e[0], Kdf.kdf1(new byte[0], new byte[0]));
        assertArrayEquals(e[1], Kdf.kdf2(new byte[0], new byte[0])[1]);
    }

    @Test
    void tai64n() {
        // unix 1700000000 s + 0x12345678 ns -> nanos rounded down to 0x12000000 (§9.4's timestamp)
        long epoch = 1_700_000_000L * 1_000_000_000L;
        assertEquals("400000006553f10a12000000", encode(Tai64n.stamp(epoch, 0x12345678L)));
        assertEquals("400000006553f10b00000000", encode(Tai64n.stamp(epoch, 1_000_000_000L + 0xFFFFFFL)));
        assertTrue(Tai64n.after(Tai64n.stamp(epoch, 17_000_000L), Tai64n.stamp(epoch, 0)));
        assertFalse(Tai64n.after(Tai64n.stamp(epoch, 16_000_000L), Tai64n.stamp(epoch, 0)));
    }
}
