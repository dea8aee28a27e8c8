package dev.wgsim.wg.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code wg show <if> dump} parsed: the interface line and one line per peer. */
public record WgDump(String privateKey, String publicKey, int listenPort, String fwmark, List<Peer> peers) {

    /** One peer line. Endpoint, allowed IPs and preshared key keep wg's "(none)". */
    public record Peer(String publicKey, String presharedKey, String endpoint, String allowedIps,
            long latestHandshake, long rxBytes, long txBytes, String persistentKeepalive) {
    }

    public static WgDump parse(String text) {
        String[] lines = text.strip().split("\n");
        String[] head = lines[0].split("\t", -1);
        if (head.length != 4) {
            throw new IllegalArgumentException("unexpected interface line in dump: " + lines[0]);
        }
        List<Peer> peers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            if (f.length != 8) {
                throw new IllegalArgumentException("unexpected peer line in dump: " + lines[i]);
            }
            peers.add(new Peer(f[0], f[1], f[2], f[3], Long.parseLong(f[4]), Long.parseLong(f[5]),
                    Long.parseLong(f[6]), f[7]));
        }
        return new WgDump(head[0], head[1], Integer.parseInt(head[2]), head[3], List.copyOf(peers));
    }

    public Optional<Peer> peer(String publicKeyBase64) {
        return peers.stream().filter(p -> p.publicKey().equals(publicKeyBase64)).findFirst();
    }
}
