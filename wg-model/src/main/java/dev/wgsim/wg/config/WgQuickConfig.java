package dev.wgsim.wg.config;

import java.util.List;

/**
 * A whole wg-quick {@code .conf} file.
 *
 * @param warnings settings kept but not applied (not part of equality-relevant content for a
 *     writer; a re-read file reports them again)
 * @param peerLines the line of each peer's [Peer] header, parallel to {@code peers} (0 when the
 *     config was not read from a file)
 */
public record WgQuickConfig(InterfaceConfig iface, List<PeerConfig> peers, List<ConfigWarning> warnings,
        List<Integer> peerLines) {

    public WgQuickConfig {
        if (iface == null) {
            throw new IllegalArgumentException("iface must not be null");
        }
        peers = List.copyOf(peers);
        warnings = List.copyOf(warnings);
        peerLines = List.copyOf(peerLines);
        if (peerLines.size() != peers.size()) {
            throw new IllegalArgumentException(peerLines.size() + " peer lines for " + peers.size() + " peers");
        }
    }

    public WgQuickConfig(InterfaceConfig iface, List<PeerConfig> peers, List<ConfigWarning> warnings) {
        this(iface, peers, warnings, java.util.Collections.nCopies(peers.size(), 0));
    }

    public WgQuickConfig(InterfaceConfig iface, List<PeerConfig> peers) {
        this(iface, peers, List.of());
    }
}
