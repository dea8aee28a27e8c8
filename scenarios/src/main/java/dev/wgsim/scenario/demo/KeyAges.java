package dev.wgsim.scenario.demo;

import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.PeerSnapshot;
import dev.wgsim.wg.device.WgDevice;
import dev.wgsim.wg.device.WgPeer;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer's keypairs over time, as the device holds them: the previous, current and next slots
 * with each key's creation time, so the page can show ages against REKEY_AFTER_TIME and
 * REJECT_AFTER_TIME. Reads {@link WgDevice#keypairSlots}; computes nothing of its own.
 */
final class KeyAges {
    private KeyAges() {
    }

    static List<DemoState.Keypair> slots(WgDevice device, PublicKey key) {
        WgPeer peer = device.peer(key);
        if (peer == null) {
            return List.of();
        }
        PeerSnapshot.Slots s = device.keypairSlots(peer);
        List<DemoState.Keypair> out = new ArrayList<>(3);
        add(out, "previous", s.previous());
        add(out, "current", s.current());
        add(out, "next", s.next());
        return out;
    }

    private static void add(List<DemoState.Keypair> out, String slot, PeerSnapshot.Session s) {
        if (s != null && s.sendKeyBase64() != null) {
            out.add(new DemoState.Keypair(slot, s.sendKeyBase64(), s.sendCounter(), s.createdNanos(), s.isInitiator(),
                    Integer.toUnsignedLong(s.localIndex()), Integer.toUnsignedLong(s.remoteIndex())));
        }
    }
}
