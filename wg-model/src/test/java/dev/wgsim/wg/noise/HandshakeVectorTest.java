package dev.wgsim.wg.noise;

import static dev.wgsim.wg.crypto.Hex.decode;
import static dev.wgsim.wg.crypto.Hex.encode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.wg.crypto.Blake2s;
import dev.wgsim.wg.crypto.Hex;
import dev.wgsim.wg.crypto.Kdf;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.crypto.TransportAead;
import dev.wgsim.wg.crypto.TransportAeads;
import dev.wgsim.wg.crypto.X25519;
import org.junit.jupiter.api.Test;

/** WIREGUARD.md §9.4: the complete handshake with fixed inputs, byte for byte. */
class HandshakeVectorTest {
    static final PrivateKey S_I = PrivateKey.of(decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e5f"));
    static final PrivateKey S_R = PrivateKey.of(decode("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e7f"));
    static final PrivateKey E_I = PrivateKey.of(decode("404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"));
    static final PrivateKey E_R = PrivateKey.of(decode("606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"));
    static final byte[] TIMESTAMP = decode("400000006553f10a12000000");
    static final int I_INDEX = 0x11223344;
    static final int R_INDEX = 0x55667788;
    static final String MSG1 = "01000000" + "44332211" + "79a631eede1bf9c98f12032cdeadd0e7a079398fc786b88cc846ec89af85a51a"
            + "f0225eb421886af8f54fb31289d49dcd82b0f6f3279d40d7cff913fece0c64ad226eef3320755b393b72f16842c8d7ee"
            + "78a74e937e3f2a829df4ecc1a8d80652da967232ef10a9fb06271256"
            + "77a38a948f5464b46fa6f433bdd2d7c7" + "00000000000000000000000000000000";
    static final String MSG2 = "02000000" + "88776655" + "44332211"
            + "675dd574ed7789310b3d2e7681f3790b466c773b1521fecf36577958371ea52f"
            + "9a9b751e193a399eaf35722bb61e05fa" + "019c9defa4bf4d070b3c825ae910ec58" + "00000000000000000000000000000000";
    static final String T1 = "8c467a49ee5feffc8b390fba6ff460b5d66abf66f5e4bf9e0a5612b256498238";
    static final String T2 = "eb356022624730ae787d7fccc635655d1b1b1fb7d81f299043b0ce85e3a3a4b4";

    @Test
    void publicKeysOfTheFixedInputs() {
        assertEquals("8f40c5adb68f25624ae5b214ea767a6ec94d829d3d7b5e1ad1ba6f3e2138285f", encode(S_I.publicKey().bytes()));
        assertEquals("358072d6365880d1aeea329adf9121383851ed21a28e3b75e965d0d2cd166254", encode(S_R.publicKey().bytes()));
        assertEquals("79a631eede1bf9c98f12032cdeadd0e7a079398fc786b88cc846ec89af85a51a", encode(E_I.publicKey().bytes()));
        assertEquals("675dd574ed7789310b3d2e7681f3790b466c773b1521fecf36577958371ea52f", encode(E_R.publicKey().bytes()));
    }

    /** Replays the trace table step by step through the same Symmetric helpers the protocol uses. */
    @Test
    void everyIntermediateOfTheTrace() {
        byte[] c = NoiseConstants.initialChainKey();
        byte[] h = NoiseConstants.initialHash();
        assertEquals("60e26daef327efc02ec335e2a025d2d016eb4206f87277f52d38d1988b78cd36", encode(c));
        assertEquals("2211b361081ac566691243db458ad5322d9c6c662293e8b70ee19c65ba079ef3", encode(h));
        Symmetric.mixHash(h, S_R.publicKey().bytes());
        assertEquals("c017c50fad770642d47d601a25189f8194b3f8c0e0c71d608a2df62eb445baeb", encode(h));
        Symmetric.mixKey(c, E_I.publicKey().bytes());
        Symmetric.mixHash(h, E_I.publicKey().bytes());
        assertEquals("ab81178fe02a10a25498ac598b593536248b787bd1fff926bd98b79de8dbe989", encode(c));
        assertEquals("389b67ef16dfce40d03d814b37a9a251a8506bfef9173052b6ff38fd9c5d0e60", encode(h));
        byte[] dh = new byte[32];
        assertTrue(X25519.agree(E_I, S_R.publicKey(), dh));
        assertEquals("04c304fb1ca83cee75e206344231f33797e07d9929db670994b7c6fbeb1dc255", encode(dh));
        byte[] k = Symmetric.mixKeyAndGetKey(c, dh);
        assertEquals("51bd07c5f1ca78388ff32729bed1c20b6b7149adec410165af3b7a7de17f6999", encode(c));
        assertEquals("b2b97589c430dbb6c6c3ad962b1e2b12c03299bc287e8f1430190a64b137ea4e", encode(k));
        Symmetric.mixHash(h, decode(MSG1), 40, 48);
        assertEquals("2fa089b8ab810bff08e5e28d030ec14f572afd52b27d34a2391d8754f15e8e97", encode(h));
        assertTrue(X25519.agree(S_I, S_R.publicKey(), dh));
        assertEquals("9663aa1da97e848a914a436d04163dfbb89178f107f1b5b77ed3854203382854", encode(dh));
        k = Symmetric.mixKeyAndGetKey(c, dh);
        assertEquals("5b3722a25c7c69706cfbbef606c70681a400fd1b6dab82533b1266606d6ede42", encode(c));
        assertEquals("0c64dd0103cd0068a745c75aad58a1fa30c3142461c65e64f8b3cf81e1b7095e", encode(k));
        Symmetric.mixHash(h, decode(MSG1), 88, 28);
        assertEquals("b509312a413d1c2433cad799bafd7d0fc5cee2515ba653bbd40de8920fc105f4", encode(h));
        assertEquals("027b1cb8c420c32c942bea8ddb43ca7d20779ec4bd55578bfa5c3d7936c91d2f",
                encode(Blake2s.hash("mac1----".getBytes(java.nio.charset.StandardCharsets.US_ASCII), S_R.publicKey().bytes())));
        Symmetric.mixKey(c, E_R.publicKey().bytes());
        Symmetric.mixHash(h, E_R.publicKey().bytes());
        assertEquals("fafe4dc0ff94ab1c7f88a4c024c28099a3dcee2e30089c2819d7e5703028e1b4", encode(c));
        assertEquals("943820fc1c606fcddba8e1dceb98fe347c1c8f4a2e34391d5b0ba4e03eccb4ac", encode(h));
        assertTrue(X25519.agree(E_R, E_I.publicKey(), dh));
        assertEquals("d6fb939511b2381bc8599b4b8edc5968829450dfd7a87aebe78a703cd04cd54e", encode(dh));
        Symmetric.mixKey(c, dh);
        assertEquals("c0582c10e5b830375673ad72c1b81c7f4223b01b7ff72a34fc644d935cf41edb", encode(c));
        assertTrue(X25519.agree(E_R, S_I.publicKey(), dh));
        assertEquals("2cca6df951833fd6298ab3777ea473000678977f16e74d866503bdde532f7a7e", encode(dh));
        Symmetric.mixKey(c, dh);
        assertEquals("daf6187f21ce1766dd722de5c70a97b27b9ad1b020845603df13b3bfc68e5f70", encode(c));
        byte[][] t = Kdf.kdf3(c, new byte[32]);
        assertEquals("40d455b7442ef2b855275a836dc8f4c60baeb82542b965d56629ea1f1d42d815", encode(t[0]));
        assertEquals("d2773295989ff7e94da1e4aabfb812cbf575334d11255885cfa0c1cbab3b3655", encode(t[1]));
        assertEquals("ae54e85ceed3ed075563699df6ffc5f908fe7357c5077061fadb0b865865ae18", encode(t[2]));
        Symmetric.mixHash(h, t[1]);
        assertEquals("c567f39f2e618251261286b26557538bcbdfdba8e4e08a6cd0e9b98b015616cb", encode(h));
        Symmetric.mixHash(h, decode(MSG2), 44, 16);
        assertEquals("3eb24e977d7c7dfe6cf4e0dbb445da0ce51bd6d5cba6bd9998e8cc1972fb67bb", encode(h));
        assertEquals("1df93fdc364a0376dfcc880218888973b0e47312db79b658026183918f41ef82",
                encode(Blake2s.hash("mac1----".getBytes(java.nio.charset.StandardCharsets.US_ASCII), S_I.publicKey().bytes())));
    }

    private record Run(byte[] msg1, byte[] msg2, Handshake initiator, Handshake responder,
                       dev.wgsim.wg.noise.SessionKeys iKeys, dev.wgsim.wg.noise.SessionKeys rKeys) {}

    private static Run run(PresharedKey q) {
        NoiseProtocol ini = new NoiseProtocol(S_I);
        NoiseProtocol res = new NoiseProtocol(S_R);
        Handshake hsI = new Handshake(S_I, S_R.publicKey(), q);
        Handshake hsR = new Handshake(S_R, S_I.publicKey(), q);
        long now = 5_000_000_000L;

        MessageInitiation m1 = ini.createInitiation(hsI, E_I, TIMESTAMP, I_INDEX);
        new CookieGenerator(S_R.publicKey()).addMacs(m1.bytes(), now);
        assertEquals("b509312a413d1c2433cad799bafd7d0fc5cee2515ba653bbd40de8920fc105f4", encode(hsI.hash()));
        assertEquals("5b3722a25c7c69706cfbbef606c70681a400fd1b6dab82533b1266606d6ede42", encode(hsI.chainKey()));

        assertTrue(new CookieChecker(S_R.publicKey()).checkMac1(m1.bytes(), 0, 148));
        ConsumedInitiation ci = res.consumeInitiation(MessageInitiation.decode(m1.bytes(), 0, 148), now,
                pk -> pk.equals(S_I.publicKey()) ? hsR : null);
        assertTrue(ci.ok(), String.valueOf(ci.rejection()));
        assertSame(hsR, ci.handshake());
        assertArrayEquals(hsI.hash(), hsR.hash());
        assertArrayEquals(hsI.chainKey(), hsR.chainKey());

        MessageResponse m2 = res.createResponse(hsR, E_R, R_INDEX);
        new CookieGenerator(S_I.publicKey()).addMacs(m2.bytes(), now);
        assertTrue(new CookieChecker(S_I.publicKey()).checkMac1(m2.bytes(), 0, 92));
        assertNull(ini.consumeResponse(MessageResponse.decode(m2.bytes(), 0, 92), hsI));
        assertArrayEquals(hsI.hash(), hsR.hash());
        SessionKeys ki = ini.beginSymmetricSession(hsI);
        SessionKeys kr = res.beginSymmetricSession(hsR);
        return new Run(m1.bytes(), m2.bytes(), hsI, hsR, ki, kr);
    }

    @Test
    void bothMessagesTransportKeysAndPacketsByteForByte() {
        Run r = run(PresharedKey.NONE);
        assertEquals(MSG1, encode(r.msg1()));
        assertEquals(MSG2, encode(r.msg2()));
        assertEquals(T1, encode(r.iKeys().sendKey()));
        assertEquals(T2, encode(r.iKeys().receiveKey()));
        assertEquals(T1, encode(r.rKeys().receiveKey()));
        assertEquals(T2, encode(r.rKeys().sendKey()));
        assertTrue(r.iKeys().isInitiator());
        assertEquals(R_INDEX, r.iKeys().remoteIndex());
        assertEquals(I_INDEX, r.rKeys().remoteIndex());
        assertEquals(HandshakeState.ZEROED, r.initiator().state());

        for (TransportAeads.Provider p : TransportAeads.Provider.values()) {
            // initiator -> responder keepalive, counter 0
            byte[] ka = new byte[32];
            MessageTransport.writeHeader(ka, 0, r.iKeys().remoteIndex(), 0);
            TransportAead send = TransportAeads.create(p, r.iKeys().sendKey());
            send.seal(0, new byte[0], 0, 0, ka, 16);
            assertEquals("04000000887766550000000000000000291241ac6c6d0b472543a7c56d5dbcd0", encode(ka), p.name());

            // responder -> initiator, counter 1, a0..b3 padded with zeros to 32
            byte[] plain = new byte[32];
            System.arraycopy(Hex.range(0xa0, 0xb3), 0, plain, 0, 20);
            byte[] msg = new byte[64];
            MessageTransport.writeHeader(msg, 0, r.rKeys().remoteIndex(), 1);
            TransportAeads.create(p, r.rKeys().sendKey()).seal(1, plain, 0, 32, msg, 16);
            assertEquals("04000000" + "44332211" + "0100000000000000"
                    + "b084f157bf43c2d07a6f6ac69cfd19d1e39432565fed352baef75bf3ae81c6f14f0f3ae5d7e5af965837bdea97fb90c2",
                    encode(msg), p.name());
            byte[] back = new byte[32];
            assertEquals(32, TransportAeads.create(p, r.iKeys().receiveKey()).open(
                    MessageTransport.counter(msg, 0), msg, 16, 48, back, 0));
            assertArrayEquals(plain, back);
        }
    }

    @Test
    void variantBWithPresharedKey() {
        Run r = run(PresharedKey.of(Hex.range(0x80, 0x9f)));
        assertEquals(MSG1, encode(r.msg1()));
        assertEquals("f1a82812e45ba13cf652d56c3a020116", Hex.encode(r.msg2(), 44, 16));
        assertEquals("f1bd4441262e1fa633bd4addd5044a54", Hex.encode(r.msg2(), 60, 16));
        assertEquals("f26d13be8f8fe7fe36805b47503285e73bcb2fc6fe3ef37834e5f6128ad8cf50", encode(r.iKeys().sendKey()));
        assertEquals("083bdab92ffb8da7ab5063bb2d96de2b7e09008d8e07bcf96ac25c340a778665", encode(r.iKeys().receiveKey()));
    }

    @Test
    void mismatchedPresharedKeyFailsTheResponse() {
        NoiseProtocol ini = new NoiseProtocol(S_I);
        NoiseProtocol res = new NoiseProtocol(S_R);
        Handshake hsI = new Handshake(S_I, S_R.publicKey(), PresharedKey.NONE);
        Handshake hsR = new Handshake(S_R, S_I.publicKey(), PresharedKey.of(Hex.range(1, 32)));
        MessageInitiation m1 = ini.createInitiation(hsI, E_I, TIMESTAMP, I_INDEX);
        assertTrue(res.consumeInitiation(m1, 0, pk -> hsR).ok());
        MessageResponse m2 = res.createResponse(hsR, E_R, R_INDEX);
        assertEquals(HandshakeRejection.DECRYPT_FAILED, ini.consumeResponse(m2, hsI));
        assertEquals(HandshakeState.INITIATION_CREATED, hsI.state());
    }

    @Test
    void replayedAndFloodingInitiationsAreRejected() {
        NoiseProtocol ini = new NoiseProtocol(S_I);
        NoiseProtocol res = new NoiseProtocol(S_R);
        Handshake hsI = new Handshake(S_I, S_R.publicKey(), null);
        Handshake hsR = new Handshake(S_R, S_I.publicKey(), null);
        MessageInitiation m1 = ini.createInitiation(hsI, E_I, TIMESTAMP, I_INDEX);
        long t = 1_000_000_000L;
        assertTrue(res.consumeInitiation(m1, t, pk -> hsR).ok());
        assertEquals(HandshakeRejection.STALE_TIMESTAMP, res.consumeInitiation(m1, t + 10_000_000_000L, pk -> hsR).rejection());
        byte[] later = decode("400000006553f10a13000000");
        MessageInitiation m2 = ini.createInitiation(hsI, E_I, later, I_INDEX);
        assertEquals(HandshakeRejection.FLOOD, res.consumeInitiation(m2, t + 20_000_000L, pk -> hsR).rejection());
        assertTrue(res.consumeInitiation(m2, t + 20_000_001L, pk -> hsR).ok());
        assertEquals(HandshakeRejection.UNKNOWN_PEER,
                res.consumeInitiation(ini.createInitiation(hsI, E_I, decode("400000006553f10b00000000"), 1), t + 1_000_000_000L,
                        pk -> null).rejection());
    }

    @Test
    void unknownOrMalformedBytesDecodeToNull() {
        byte[] m1 = decode(MSG1);
        assertNull(MessageInitiation.decode(m1, 0, 147));
        byte[] bad = m1.clone();
        bad[1] = 1; // reserved byte set: not type 1 any more
        assertNull(MessageInitiation.decode(bad, 0, 148));
        assertNull(MessageResponse.decode(m1, 0, 148));
        assertNull(MessageCookieReply.decode(new byte[3], 0, 3));
        assertEquals(-1, MessageType.typeOf(new byte[2], 0, 2));
    }
}
