package dev.wgsim.wg.config;

import dev.wgsim.net.IpPrefix;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders {@code wg show <if>} and {@code wg show <if> dump} byte for byte as wireguard-tools'
 * {@code show.c} prints them without a terminal (no colours).
 *
 * <p>The pretty view sorts peers by latest handshake, newest first, peers without a handshake
 * last (show.c's {@code peer_cmp}; we sort stably where qsort need not be). The dump keeps the
 * device's order, as show.c does.
 */
public final class WgShow {

    private WgShow() {
    }

    /**
     * The human view.
     *
     * @param nowEpochSeconds the wall clock "now" that "… ago" is measured from
     * @param showKeys true to print private and preshared keys ({@code WG_HIDE_KEYS=never}),
     *     false for {@code (hidden)}
     */
    public static String pretty(InterfaceSnapshot dev, long nowEpochSeconds, boolean showKeys) {
        StringBuilder sb = new StringBuilder();
        sb.append("interface: ").append(dev.name()).append('\n');
        if (dev.privateKey() != null) {
            sb.append("  public key: ").append(dev.privateKey().publicKey().toBase64()).append('\n');
            sb.append("  private key: ").append(showKeys ? dev.privateKey().toBase64() : "(hidden)").append('\n');
        }
        if (dev.listenPort() != 0) {
            sb.append("  listening port: ").append(dev.listenPort()).append('\n');
        }
        if (dev.fwmark() != 0) {
            sb.append("  fwmark: 0x").append(Integer.toHexString(dev.fwmark())).append('\n');
        }
        List<PeerSnapshot> peers = new ArrayList<>(dev.peers());
        if (!peers.isEmpty()) {
            peers.sort(BY_LATEST_HANDSHAKE);
            sb.append('\n');
        }
        for (int i = 0; i < peers.size(); i++) {
            PeerSnapshot p = peers.get(i);
            sb.append("peer: ").append(p.publicKey().toBase64()).append('\n');
            if (!p.presharedKey().isNone()) {
                sb.append("  preshared key: ").append(showKeys ? p.presharedKey().toBase64() : "(hidden)").append('\n');
            }
            if (p.endpoint() != null) {
                sb.append("  endpoint: ").append(p.endpoint()).append('\n');
            }
            sb.append("  allowed ips: ");
            if (p.allowedIps().isEmpty()) {
                sb.append("(none)");
            } else {
                appendPrefixes(sb, p.allowedIps(), ", ");
            }
            sb.append('\n');
            if (p.latestHandshakeEpochSeconds() != 0) {
                sb.append("  latest handshake: ").append(ago(p.latestHandshakeEpochSeconds(), nowEpochSeconds)).append('\n');
            }
            if (p.rxBytes() != 0 || p.txBytes() != 0) {
                sb.append("  transfer: ").append(bytes(p.rxBytes())).append(" received, ")
                        .append(bytes(p.txBytes())).append(" sent\n");
            }
            if (p.persistentKeepalive() != 0) {
                sb.append("  persistent keepalive: every ").append(prettyTime(p.persistentKeepalive())).append('\n');
            }
            if (i + 1 < peers.size()) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code wg show <if> dump}: tab-separated, one line for the interface, one per peer. */
    public static String dump(InterfaceSnapshot dev) {
        StringBuilder sb = new StringBuilder();
        sb.append(dev.privateKey() == null ? "(none)" : dev.privateKey().toBase64()).append('\t');
        sb.append(dev.privateKey() == null ? "(none)" : dev.privateKey().publicKey().toBase64()).append('\t');
        sb.append(dev.listenPort()).append('\t');
        sb.append(dev.fwmark() == 0 ? "off" : "0x" + Integer.toHexString(dev.fwmark())).append('\n');
        for (PeerSnapshot p : dev.peers()) {
            sb.append(p.publicKey().toBase64()).append('\t');
            sb.append(p.presharedKey().isNone() ? "(none)" : p.presharedKey().toBase64()).append('\t');
            sb.append(p.endpoint() == null ? "(none)" : p.endpoint().toString()).append('\t');
            if (p.allowedIps().isEmpty()) {
                sb.append("(none)");
            } else {
                appendPrefixes(sb, p.allowedIps(), ",");
            }
            sb.append('\t');
            sb.append(p.latestHandshakeEpochSeconds()).append('\t');
            sb.append(Long.toUnsignedString(p.rxBytes())).append('\t');
            sb.append(Long.toUnsignedString(p.txBytes())).append('\t');
            sb.append(p.persistentKeepalive() == 0 ? "off" : Integer.toString(p.persistentKeepalive())).append('\n');
        }
        return sb.toString();
    }

    /** Newest handshake first; never-handshaked peers last (show.c {@code peer_cmp}). */
    static final Comparator<PeerSnapshot> BY_LATEST_HANDSHAKE = (a, b) -> {
        boolean aNever = a.latestHandshakeEpochNanos() == 0;
        boolean bNever = b.latestHandshakeEpochNanos() == 0;
        if (aNever != bNever) {
            return aNever ? 1 : -1;
        }
        return Long.compare(b.latestHandshakeEpochNanos(), a.latestHandshakeEpochNanos());
    };

    private static void appendPrefixes(StringBuilder sb, List<IpPrefix> prefixes, String sep) {
        for (int i = 0; i < prefixes.size(); i++) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(prefixes.get(i));
        }
    }

    /** show.c {@code ago()}. */
    static String ago(long thenSeconds, long nowSeconds) {
        if (nowSeconds == thenSeconds) {
            return "Now";
        }
        if (nowSeconds < thenSeconds) {
            return "(System clock wound backward; connection problems may ensue.)";
        }
        return prettyTime(nowSeconds - thenSeconds) + " ago";
    }

    /** show.c {@code pretty_time()}: years (365 days), days, hours, minutes, seconds; zero parts omitted. */
    static String prettyTime(long left) {
        long years = left / (365L * 24 * 60 * 60);
        left %= 365L * 24 * 60 * 60;
        long days = left / (24 * 60 * 60);
        left %= 24 * 60 * 60;
        long hours = left / (60 * 60);
        left %= 60 * 60;
        long minutes = left / 60;
        long seconds = left % 60;
        StringBuilder sb = new StringBuilder();
        unit(sb, years, "year");
        unit(sb, days, "day");
        unit(sb, hours, "hour");
        unit(sb, minutes, "minute");
        unit(sb, seconds, "second");
        return sb.toString();
    }

    private static void unit(StringBuilder sb, long n, String name) {
        if (n == 0) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(", ");
        }
        sb.append(n).append(' ').append(name);
        if (n != 1) {
            sb.append('s');
        }
    }

    /**
     * show.c {@code bytes()}: B below 1 KiB, else two decimals of KiB/MiB/GiB/TiB. Rounded like
     * glibc's printf (the exact binary value, ties to even), e.g. 1152 B is "1.12 KiB".
     */
    static String bytes(long b) {
        final long k = 1024;
        if (Long.compareUnsigned(b, k) < 0) {
            return b + " B";
        }
        double v = unsignedToDouble(b);
        String unit;
        if (Long.compareUnsigned(b, k * k) < 0) {
            v /= 1024;
            unit = "KiB";
        } else if (Long.compareUnsigned(b, k * k * k) < 0) {
            v /= 1024 * 1024;
            unit = "MiB";
        } else if (Long.compareUnsigned(b, k * k * k * k) < 0) {
            v /= 1024 * 1024 * 1024;
            unit = "GiB";
        } else {
            v = v / (1024 * 1024 * 1024) / 1024;
            unit = "TiB";
        }
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " " + unit;
    }

    private static double unsignedToDouble(long b) {
        double d = (double) (b >>> 1) * 2.0;
        return d + (b & 1);
    }
}
