package dev.wgsim.wg.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * crypto_box against the worked example of Bernstein, "Cryptography in NaCl" (2009), sections 2-8
 * (the same vectors are NaCl's tests/box.c, box2.c and core1.c): Alice's secret key, Bob's, the
 * nonce, the 131-byte message and the 147-byte box (tag || ciphertext).
 */
class NaclBoxTest {
    static final byte[] ALICE_SK = Hex.decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    static final byte[] BOB_SK = Hex.decode("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    static final byte[] NONCE = Hex.decode("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    static final byte[] MESSAGE = Hex.decode(
            "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c6129"
            + "6cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
            + "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937763848645e0705");
    static final byte[] BOX = Hex.decode(
            "f3ffc7703f9400e52a7dfb4b3d3305d9"
            + "8e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c972"
            + "71d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae90224368517acfeabd6bb3732bc0e9da"
            + "99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74e355a5");

    @Test
    void beforenmIsHsalsa20OfTheSharedSecret() {
        // NaCl core1.c: HSalsa20(shared secret, 0^16) = "firstkey".
        byte[] k = NaclBox.sharedKey(PrivateKey.of(ALICE_SK), PrivateKey.of(BOB_SK).publicKey());
        assertEquals("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389", Hex.encode(k));
    }

    @Test
    void aliceSealsThePublishedBox() {
        byte[] k = NaclBox.sharedKey(PrivateKey.of(ALICE_SK), PrivateKey.of(BOB_SK).publicKey());
        assertArrayEquals(BOX, NaclBox.seal(k, NONCE, MESSAGE, 0, MESSAGE.length));
    }

    @Test
    void bobOpensItAndATamperedOrShortBoxIsRefused() {
        byte[] k = NaclBox.sharedKey(PrivateKey.of(BOB_SK), PrivateKey.of(ALICE_SK).publicKey());
        assertArrayEquals(MESSAGE, NaclBox.open(k, NONCE, BOX, 0, BOX.length));
        for (int i : new int[] {0, 15, 16, BOX.length - 1}) {
            byte[] bad = BOX.clone();
            bad[i] ^= 1;
            assertNull(NaclBox.open(k, NONCE, bad, 0, bad.length), "flipped byte " + i);
        }
        assertNull(NaclBox.open(k, NONCE, BOX, 0, 15));
        byte[] otherNonce = NONCE.clone();
        otherNonce[23] ^= 1;
        assertNull(NaclBox.open(k, otherNonce, BOX, 0, BOX.length));
    }

    @Test
    void lowOrderPublicKeyGivesNoKey() {
        assertNull(NaclBox.sharedKey(PrivateKey.of(ALICE_SK), PublicKey.of(new byte[32])));
    }
}
