package dev.wgsim.wg.config;

import java.util.List;
import java.util.stream.Collectors;

/** Writes a {@link WgQuickConfig} back as a wg-quick file that {@link WgQuickReader} (and wg-quick) read. */
public final class WgQuickWriter {

    private WgQuickWriter() {
    }

    public static String write(WgQuickConfig config) {
        StringBuilder sb = new StringBuilder();
        InterfaceConfig i = config.iface();
        sb.append("[Interface]\n");
        sb.append("PrivateKey = ").append(i.privateKey().toBase64()).append('\n');
        if (i.listenPort() != 0) {
            sb.append("ListenPort = ").append(i.listenPort()).append('\n');
        }
        if (!i.addresses().isEmpty()) {
            sb.append("Address = ").append(join(i.addresses())).append('\n');
        }
        for (ExtraSetting e : i.extras()) {
            sb.append(e.key()).append(" = ").append(e.value()).append('\n');
        }
        for (PeerConfig p : config.peers()) {
            sb.append("\n[Peer]\n");
            sb.append("PublicKey = ").append(p.publicKey().toBase64()).append('\n');
            if (!p.presharedKey().isNone()) {
                sb.append("PresharedKey = ").append(p.presharedKey().toBase64()).append('\n');
            }
            if (!p.allowedIps().isEmpty()) {
                sb.append("AllowedIPs = ").append(join(p.allowedIps())).append('\n');
            }
            if (p.endpoint() != null) {
                sb.append("Endpoint = ").append(p.endpoint()).append('\n');
            }
            if (p.persistentKeepalive() != 0) {
                sb.append("PersistentKeepalive = ").append(p.persistentKeepalive()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String join(List<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
