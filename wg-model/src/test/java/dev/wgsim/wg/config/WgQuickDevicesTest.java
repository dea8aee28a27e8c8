package dev.wgsim.wg.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PrivateKey;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.Constants;
import dev.wgsim.wg.device.WgDevice;
import dev.wgsim.wg.device.WgPeer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WgQuickDevicesTest {

    private static WgDevice device(PrivateKey key) {
        return new WgDevice(key, 51820, Constants.DEFAULTS, Entropy.of(new Random(7)), 1_700_000_000_000_000_000L);
    }

    @Test
    void configuresPeersAndReadsBackTheSameFile() throws Exception {
        WgQuickConfig c = WgQuickReader.parse("full.conf", WgQuickReaderTest.resource("full.conf"));
        WgDevice d = device(c.iface().privateKey());
        List<WgQuickDevices.PendingKeepalive> ka = WgQuickDevices.configure(d, c);

        assertEquals(3, d.peers().size());
        WgPeer laptop = d.peer(PublicKey.fromBase64(WgQuickReaderTest.U2));
        assertEquals("/198.51.100.7:51820", laptop.endpoint().toString());
        assertEquals(c.peers().get(0).allowedIps(), d.allowedIps(laptop));
        assertEquals(c.peers().get(0).presharedKey(), laptop.presharedKey());
        assertNull(d.peer(PublicKey.fromBase64(WgQuickReaderTest.U3)).endpoint());
        assertEquals(1, ka.size());
        assertEquals(laptop, ka.get(0).peer());
        assertEquals(25, ka.get(0).seconds());

        // Keepalive on, as the caller would do at its start time; then wg showconf equals the file.
        d.setPersistentKeepalive(0, laptop, 25);
        WgQuickConfig back = WgQuickDevices.toConfig(d, c.iface().addresses());
        assertEquals(c.peers(), back.peers());
        assertEquals(c.iface().addresses(), back.iface().addresses());
    }

    @Test
    void refusesAnotherDevicesKey() throws Exception {
        WgQuickConfig c = WgQuickReader.parse("full.conf", WgQuickReaderTest.resource("full.conf"));
        WgDevice other = device(PrivateKey.generate(Entropy.of(new Random(3))));
        assertThrows(IllegalArgumentException.class, () -> WgQuickDevices.configure(other, c));
    }
}
