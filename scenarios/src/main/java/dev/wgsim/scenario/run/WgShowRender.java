package dev.wgsim.scenario.run;

import dev.wgsim.scenario.sim.WgTunnel;
import dev.wgsim.wg.config.InterfaceSnapshot;
import dev.wgsim.wg.config.PeerEndpoint;
import dev.wgsim.wg.config.PeerSnapshot;
import dev.wgsim.wg.config.WgShow;
import dev.wgsim.wg.device.DeviceSnapshot;
import dev.wgsim.wg.device.WgDevice;
import dev.wgsim.wg.device.WgPeer;
import dev.wgsim.wg.crypto.PresharedKey;
import java.util.ArrayList;
import java.util.List;

/** {@code wg show} of a simulated interface at a virtual time, in wireguard-tools' exact format. */
public final class WgShowRender {
    private WgShowRender() {
    }

    public static InterfaceSnapshot snapshot(String ifName, WgDevice dev, long wallEpochUnixNanos) {
        DeviceSnapshot d = dev.snapshot();
        List<PeerSnapshot> peers = new ArrayList<>();
        for (dev.wgsim.wg.device.PeerSnapshot p : d.peers()) {
            WgPeer live = dev.peer(p.publicKey());
            PresharedKey psk = live == null ? PresharedKey.NONE : live.presharedKey();
            PeerEndpoint ep = p.endpoint() == null ? null
                    : PeerEndpoint.of(p.endpoint().getAddress().getAddress(), p.endpoint().getPort());
            long hs = p.hasHandshake() ? wallEpochUnixNanos + p.latestHandshakeNanos() : 0;
            peers.add(new PeerSnapshot(p.publicKey(), psk, ep, p.allowedIps(), hs, p.rxBytes(), p.txBytes(),
                    p.persistentKeepaliveSeconds()));
        }
        return new InterfaceSnapshot(ifName, d.privateKey(), d.listenPort(), 0, peers);
    }

    /** The pretty {@code wg show <if>} text (private key hidden) as at virtual time {@code now}. */
    public static String pretty(String ifName, WgTunnel t, long wallEpochUnixNanos, long now) {
        InterfaceSnapshot i = snapshot(ifName, t.device(), wallEpochUnixNanos);
        // wg show prints the fwmark (set by FwMark, or by wg-quick for a full tunnel) under the interface.
        i = new InterfaceSnapshot(i.name(), i.privateKey(), i.listenPort(), (int) t.fwmark(), i.peers());
        return WgShow.pretty(i, (wallEpochUnixNanos + now) / 1_000_000_000L, false);
    }
}
