package dev.wgsim.scenario.tailnet.disco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.NaclBox;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Disco framing and message layouts as tailscale.com/disco (disco.go) documents them. */
class DiscoFrameTest {
    private static final HexFormat HEX = HexFormat.of();
    private final Entropy entropy = Entropy.of(new Random(7));
    private final PrivateKey aliceKey = PrivateKey.generate(entropy);
    private final PrivateKey bobKey = PrivateKey.generate(entropy);
    private final DiscoFrame alice = new DiscoFrame(aliceKey, entropy);
    private final DiscoFrame bob = new DiscoFrame(bobKey, entropy);
    private final TxId tx = TxId.of(HEX.parseHex("0102030405060708090a0b0c"));

    @Test
    void headerIsTheUtf8MagicThenTheSenderKeyThenTheNonce() {
        byte[] f = alice.seal(bob.publicKey(), new DiscoMessage.Pong(tx, Endpoint.of("192.0.2.1", 41641)));
        byte[] magic = "TS💬".getBytes(StandardCharsets.UTF_8);
        assertEquals(6, magic.length);
        assertArrayEquals(magic, java.util.Arrays.copyOf(f, 6));
        assertArrayEquals(alice.publicKey().bytes(), java.util.Arrays.copyOfRange(f, 6, 38));
        // 62-byte header, then box = 16-byte tag + 2 + 12 + 18 bytes of pong.
        assertEquals(62 + 16 + 32, f.length);
        assertTrue(DiscoFrame.looksLikeDisco(f, 0, f.length));
        assertFalse(DiscoFrame.looksLikeDisco(f, 0, 61));
    }

    @Test
    void plaintextLayouts() {
        PublicKey node = bobKey.publicKey();
        // Ping: type 01, version 00, TxID, node key (disco.go Ping.AppendMarshal).
        assertEquals("0100" + "0102030405060708090a0b0c" + HEX.formatHex(node.bytes()),
                HEX.formatHex(new DiscoMessage.Ping(tx, node, 0).marshal()));
        // Pong: IPv4 source as a v4-mapped IPv6 address, port big-endian (41641 = 0xa2a9).
        assertEquals("0200" + "0102030405060708090a0b0c" + "00000000000000000000ffffc0000201" + "a2a9",
                HEX.formatHex(new DiscoMessage.Pong(tx, Endpoint.of("192.0.2.1", 41641)).marshal()));
        // CallMeMaybe: 18 bytes per endpoint.
        assertEquals("0300" + "00000000000000000000ffffcb007101" + "ca6c" + "20010db8000000000000000000000001" + "0035",
                HEX.formatHex(new DiscoMessage.CallMeMaybe(List.of(Endpoint.of("203.0.113.1", 51820),
                        Endpoint.of("2001:db8::1", 53))).marshal()));
    }

    @Test
    void eachMessageSurvivesTheBoxBothWays() {
        List<DiscoMessage> messages = List.of(
                new DiscoMessage.Ping(tx, aliceKey.publicKey(), 0),
                new DiscoMessage.Ping(tx, aliceKey.publicKey(), 100),
                new DiscoMessage.Pong(tx, Endpoint.of("2001:db8::7", 3478)),
                new DiscoMessage.CallMeMaybe(List.of(Endpoint.of("198.51.100.4", 1), Endpoint.of("10.0.0.2", 41641))));
        for (DiscoMessage m : messages) {
            byte[] f = alice.seal(bob.publicKey(), m);
            DiscoFrame.Opened o = bob.open(f, 0, f.length, k -> k.equals(alice.publicKey()));
            assertNull(o.drop());
            assertEquals(alice.publicKey(), o.sender());
            assertEquals(m, o.message());
        }
    }

    @Test
    void malformedFramesAreDroppedByReason() {
        byte[] f = alice.seal(bob.publicKey(), new DiscoMessage.Ping(tx, aliceKey.publicKey(), 0));
        assertEquals(DiscoDrop.UNKNOWN_SENDER, bob.open(f, 0, f.length, k -> false).drop());
        assertEquals(DiscoDrop.SHORT_FRAME, bob.open(f, 0, 70, k -> true).drop());
        byte[] tampered = f.clone();
        tampered[f.length - 1] ^= 1;
        assertEquals(DiscoDrop.UNDECRYPTABLE, bob.open(tampered, 0, tampered.length, k -> true).drop());
        // Sealed for someone else: Bob cannot open it.
        PrivateKey carolKey = PrivateKey.generate(entropy);
        byte[] forCarol = alice.seal(carolKey.publicKey(), new DiscoMessage.CallMeMaybe(List.of()));
        assertEquals(DiscoDrop.UNDECRYPTABLE, bob.open(forCarol, 0, forCarol.length, k -> true).drop());
        assertEquals(DiscoDrop.UNKNOWN_TYPE, bob.open(raw(new byte[] {0x7f, 0}), 0, 62 + 18, k -> true).drop());
        byte[] shortPong = raw(new byte[] {0x02, 0, 1, 2, 3});
        assertEquals(DiscoDrop.SHORT_MESSAGE, bob.open(shortPong, 0, shortPong.length, k -> true).drop());
    }

    /** A frame from Alice to Bob around an arbitrary plaintext, built from NaclBox directly. */
    private byte[] raw(byte[] plain) {
        byte[] nonce = new byte[24];
        byte[] box = NaclBox.seal(NaclBox.sharedKey(aliceKey, bobKey.publicKey()), nonce, plain, 0, plain.length);
        byte[] out = new byte[62 + box.length];
        System.arraycopy("TS💬".getBytes(StandardCharsets.UTF_8), 0, out, 0, 6);
        aliceKey.publicKey().copyTo(out, 6);
        System.arraycopy(box, 0, out, 62, box.length);
        return out;
    }
}
