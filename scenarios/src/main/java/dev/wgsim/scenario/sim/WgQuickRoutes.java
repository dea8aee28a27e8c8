package dev.wgsim.scenario.sim;

import dev.wgsim.engine.net.Host;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.engine.net.RouteRule;
import dev.wgsim.engine.net.TunnelInterface;
import dev.wgsim.scenario.model.WireGuardSpec;

/** The routes wg-quick(8) installs for a peer's allowed IPs, by the interface's Table setting. */
final class WgQuickRoutes {
    private WgQuickRoutes() {
    }

    /**
     * Routes an allowed IP into the tunnel as wg-quick(8) does on Linux: with Table = off nowhere; with
     * a table number into that table (no rule is added, as wg-quick adds none); with Table = auto a
     * prefix into the main table, and a default route (/0) into its own table numbered by the
     * interface's FwMark (51820, or the next table that is free, when none is set, which then also
     * becomes the FwMark) with the two rules wg-quick adds: {@code not fwmark M lookup M} and
     * {@code lookup main suppress_prefixlength 0}. WireGuard's own datagrams carry the mark, so they
     * keep leaving by the main table's default route.
     */
    static void route(WgTunnel t, WireGuardSpec w, IpPrefix a) {
        Host host = t.host();
        TunnelInterface tun = t.tun();
        if (w.table() == WireGuardSpec.TABLE_OFF) {
            return;
        }
        if (w.table() != WireGuardSpec.TABLE_AUTO) {
            host.table((int) w.table()).add(a, tun);
            return;
        }
        if (a.length() > 0) {
            host.addRoute(a, tun);
            return;
        }
        long mark = t.fwmark();
        if (mark == 0) {
            mark = 51820;
            while (host.table((int) mark).size() > 0) {
                mark++;
            }
            t.setFwmark(mark);
        }
        int family = a.isV6() ? 6 : 4;
        boolean installed = false;
        int lowest = Host.MAIN_RULE_PRIORITY;
        for (RouteRule r : host.rules()) {
            if (r.family() == family || r.family() == 0) {
                lowest = Math.min(lowest, r.priority());
                installed |= r.table() == mark && r.invert() && r.fwmark() == mark;
            }
        }
        if (!installed) {
            // ip rule add without a priority takes the one below the lowest existing rule.
            host.addRule(new RouteRule(lowest - 1, family, mark, true, (int) mark, -1));
            host.addRule(new RouteRule(lowest - 2, family, -1, false, Host.MAIN_TABLE, 0));
        }
        host.table((int) mark).add(a, tun);
    }
}
