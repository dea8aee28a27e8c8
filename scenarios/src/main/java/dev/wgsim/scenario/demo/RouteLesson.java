package dev.wgsim.scenario.demo;

import dev.wgsim.net.IpAddress;
import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.PublicKey;
import dev.wgsim.wg.device.PeerSnapshot;
import dev.wgsim.wg.device.WgDevice;
import dev.wgsim.wg.device.WgPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Which row of the cryptokey routing table an inner destination picks, made visible: every
 * allowed-IPs prefix that contains the destination, and the one the device itself chose
 * ({@link WgDevice#routeTo}, the lookup {@code sendInner} makes: the longest match).
 */
final class RouteLesson {
    private RouteLesson() {
    }

    /** The destination, the chosen row (null when no prefix holds it) and every containing prefix, longest first. */
    static DemoState.Route explain(WgDevice device, IpAddress destination, Function<PublicKey, String> names) {
        WgPeer chosen = device.routeTo(destination.toBytes());
        List<DemoState.Match> matches = new ArrayList<>();
        String chosenPrefix = null;
        for (PeerSnapshot s : device.snapshot().peers()) {
            for (IpPrefix p : s.allowedIps()) {
                if (p.contains(destination)) {
                    boolean picked = chosen != null && chosen.publicKey().equals(s.publicKey());
                    matches.add(new DemoState.Match(names.apply(s.publicKey()), p.toString(), p.length(), false));
                    if (picked && (chosenPrefix == null || p.length() > prefixLength(chosenPrefix))) {
                        chosenPrefix = p.toString();
                    }
                }
            }
        }
        String winner = chosenPrefix;
        List<DemoState.Match> marked = matches.stream()
                .sorted((x, y) -> Integer.compare(y.length(), x.length()))
                .map(m -> new DemoState.Match(m.peer(), m.prefix(), m.length(), m.prefix().equals(winner)
                        && chosen != null && m.peer().equals(names.apply(chosen.publicKey()))))
                .toList();
        return new DemoState.Route(destination.toString(), chosen == null ? null : names.apply(chosen.publicKey()),
                winner, marked);
    }

    private static int prefixLength(String prefix) {
        return Integer.parseInt(prefix.substring(prefix.indexOf('/') + 1));
    }
}
