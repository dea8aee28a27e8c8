package dev.wgsim.wg.device;

import dev.wgsim.wg.crypto.PrivateKey;
import java.util.List;

/** Read-only view of a device for {@code wg show} (the dump format prints the private key). */
public record DeviceSnapshot(PrivateKey privateKey, int listenPort, List<PeerSnapshot> peers) {
    public DeviceSnapshot {
        peers = List.copyOf(peers);
    }
}
