package dev.wgsim.wg.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KeysTest {
    @Test
    void base64RoundTripAndValueEquality() {
        PrivateKey k = PrivateKey.generate(Entropy.of(new Random(1)));
        PrivateKey again = PrivateKey.fromBase64(k.toBase64());
        assertEquals(k, again);
        assertEquals(k.publicKey(), PublicKey.fromBase64(k.publicKey().toBase64()));
        assertEquals(k.publicKey().hashCode(), again.publicKey().hashCode());
        assertNotEquals(k, PrivateKey.generate(Entropy.of(new Random(2))));
    }

    @Test
    void generatedKeysAreClamped() {
        byte[] b = PrivateKey.generate(Entropy.of(new Random(3))).bytes();
        assertEquals(0, b[0] & 7);
        assertEquals(0x40, b[31] & 0xC0);
    }

    @Test
    void toStringNeverShowsTheSecret() {
        PrivateKey k = PrivateKey.generate(Entropy.of(new Random(4)));
        assertFalse(k.toString().contains(k.toBase64()));
        assertTrue(k.toString().contains(k.publicKey().toBase64()));
        PresharedKey q = PresharedKey.generate(Entropy.of(new Random(5)));
        assertFalse(q.toString().contains(q.toBase64()));
        assertTrue(PresharedKey.NONE.isNone());
    }

    @Test
    void badKeysAreRejectedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PublicKey.fromBase64("abc"));
        assertTrue(e.getMessage().contains("public key"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PublicKey.fromBase64("!!!!"));
        assertThrows(IllegalArgumentException.class, () -> PrivateKey.of(new byte[31]));
    }
}
