package dev.wgsim.wg.config;

import dev.wgsim.wg.device.DeviceSnapshot;
import dev.wgsim.wg.device.WgDevice;
import dev.wgsim.wg.device.WgPeer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Turns a device's own snapshot into what {@link WgShow} renders. */
public final class DeviceSnapshots {

    private DeviceSnapshots() {
    }

    /**
     * @param name interface name to print (e.g. {@code wg0})
     * @param wallEpochUnixNanos wall-clock time of virtual time 0 (the device's TAI64N epoch), so
     *     virtual handshake times print as the real clock would show them
     */
    public static InterfaceSnapshot of(String name, WgDevice device, long wallEpochUnixNanos) {
        DeviceSnapshot d = device.snapshot();
        List<PeerSnapshot> peers = new ArrayList<>(d.peers().size());
        for (dev.wgsim.wg.device.PeerSnapshot p : d.peers()) {
            WgPeer peer = device.peer(p.publicKey());
            long hs = p.hasHandshake() ? Math.max(1, wallEpochUnixNanos + p.latestHandshakeNanos()) : 0;
            peers.add(new PeerSnapshot(p.publicKey(), peer.presharedKey(), endpoint(p.endpoint()), p.allowedIps(), hs,
                    p.rxBytes(), p.txBytes(), p.persistentKeepaliveSeconds()));
        }
        return new InterfaceSnapshot(name, d.privateKey(), d.listenPort(), 0, peers);
    }

    /** A device endpoint (always a literal address) as a config endpoint. */
    public static PeerEndpoint endpoint(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        if (a.isUnresolved()) {
            return new PeerEndpoint(a.getHostString(), a.getPort());
        }
        return PeerEndpoint.of(a.getAddress().getAddress(), a.getPort());
    }
}
