package dev.wgsim.wg.config;

import static dev.wgsim.wg.config.WgQuickReaderTest.P1;
import static dev.wgsim.wg.config.WgQuickReaderTest.PSK;
import static dev.wgsim.wg.config.WgQuickReaderTest.U2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import org.junit.jupiter.api.Test;

class WireGuardKeylogTest {

    @Test
    void oneHandshakeBlockInTheOrderWiresharkLinksThem() {
        byte[] eph = new byte[32];
        for (int i = 0; i < 32; i++) {
            eph[i] = (byte) (0x40 + i);
        }
        assertEquals("LOCAL_STATIC_PRIVATE_KEY = " + P1 + "\n"
                + "REMOTE_STATIC_PUBLIC_KEY = " + U2 + "\n"
                + "LOCAL_EPHEMERAL_PRIVATE_KEY = QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=\n"
                + "PRESHARED_KEY = " + PSK + "\n",
                WireGuardKeylog.handshake(PrivateKey.fromBase64(P1), PublicKey.fromBase64(U2), eph,
                        PresharedKey.fromBase64(PSK)));
    }

    @Test
    void noPskIsWrittenAsZeros() {
        String block = WireGuardKeylog.handshake(PrivateKey.fromBase64(P1), PublicKey.fromBase64(U2),
                new byte[32], null);
        assertEquals("PRESHARED_KEY = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", block.split("\n")[3]);
        assertThrows(IllegalArgumentException.class, () -> WireGuardKeylog.handshake(PrivateKey.fromBase64(P1),
                PublicKey.fromBase64(U2), new byte[31], null));
    }
}
