package dev.wgsim.scenario.run;

import dev.wgsim.scenario.sim.WgTunnel;
import dev.wgsim.wg.config.DeviceSnapshots;
import dev.wgsim.wg.config.InterfaceSnapshot;
import dev.wgsim.wg.config.WgShow;

/** {@code wg show} of a simulated interface at a virtual time, in wireguard-tools' exact format. */
public final class WgShowRender {
    private WgShowRender() {
    }

    /** The pretty {@code wg show <if>} text (private key hidden) as at virtual time {@code now}. */
    public static String pretty(String ifName, WgTunnel t, long wallEpochUnixNanos, long now) {
        InterfaceSnapshot i = DeviceSnapshots.of(ifName, t.device(), wallEpochUnixNanos);
        // wg show prints the fwmark (set by FwMark, or by wg-quick for a full tunnel) under the interface.
        i = new InterfaceSnapshot(i.name(), i.privateKey(), i.listenPort(), (int) t.fwmark(), i.peers());
        return WgShow.pretty(i, (wallEpochUnixNanos + now) / 1_000_000_000L, false);
    }
}
