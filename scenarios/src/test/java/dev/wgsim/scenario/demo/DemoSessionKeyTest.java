package dev.wgsim.scenario.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.net.IpAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The session key the demo shows is the key the simulation really used: the transport packets
 * captured on home's wire decrypt with it (JDK ChaCha20-Poly1305, nonce = counter), at the counter
 * the nonce column implies, and carry the packets Send sent.
 */
class DemoSessionKeyTest {

    @Test
    void shownSessionKeyDecryptsTheCapturedTransportPacketsAtTheShownCounters() throws Exception {
        DemoSession demo = DemoSession.open(DemoSessionTest.EXAMPLE);
        IpAddress laptop = IpAddress.parse("203.0.113.10");
        List<byte[]> transport = new ArrayList<>();
        demo.network().host("home").addObserver((now, p) -> {
            if (p.isUdp() && p.destination().equals(laptop) && p.payloadLength() > 32 && p.payload()[0] == 4) {
                transport.add(p.payload().clone());
            }
        });
        DemoState.Peer row = DemoSessionTest.row(demo.send("laptop"), "laptop");
        byte[] key = Base64.getDecoder().decode(row.sessionKey());
        byte[] last = transport.get(transport.size() - 1);
        assertEquals(row.nonce() - 1, counter(last), "the shown nonce is the next counter");
        assertEquals("hello laptop #1 from wg0", innerText(open(key, last)));

        DemoState.Peer row3 = DemoSessionTest.row(demo.send("laptop"), "laptop");
        row3 = DemoSessionTest.row(demo.send("laptop"), "laptop");
        byte[] third = transport.get(transport.size() - 1);
        assertEquals(row3.nonce() - 1, counter(third));
        assertEquals("hello laptop #3 from wg0", innerText(open(Base64.getDecoder().decode(row3.sessionKey()), third)));

        byte[] wrong = key.clone();
        wrong[0] ^= 1;
        assertThrows(AEADBadTagException.class, () -> open(wrong, last), "a different key must not open it");
    }

    static long counter(byte[] transportMessage) {
        return ByteBuffer.wrap(transportMessage, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Opens a WireGuard transport message (type, receiver, counter, ciphertext+tag) with {@code key}. */
    static byte[] open(byte[] key, byte[] msg) throws Exception {
        byte[] nonce = new byte[12];
        System.arraycopy(msg, 8, nonce, 4, 8);
        Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        return c.doFinal(msg, 16, msg.length - 16);
    }

    static String innerText(byte[] padded) {
        int ipLength = ((padded[2] & 0xff) << 8) | (padded[3] & 0xff); // IPv4 total length: padding follows
        IpPacket inner = IpPacket.decode(padded, 0, ipLength).packet();
        assertArrayEquals(IpAddress.parse("10.0.0.1").toBytes(), inner.source().toBytes());
        return new String(inner.payload(), StandardCharsets.UTF_8);
    }
}
