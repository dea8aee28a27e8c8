package dev.wgsim.wg.config;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.PresharedKey;
import dev.wgsim.wg.crypto.PublicKey;
import java.util.List;

/**
 * What {@code wg show} knows about one peer at one moment ({@link DeviceSnapshots} makes it from
 * the device's own {@code device.PeerSnapshot}, which is in virtual time). The device fills it; times are wall
 * clock (the simulation's epoch plus virtual time), as the kernel reports them.
 *
 * @param presharedKey {@link PresharedKey#NONE} when none is set
 * @param endpoint null when none is known
 * @param allowedIps in {@code wg show} order ({@code AllowedIps.prefixesOf})
 * @param latestHandshakeEpochNanos wall-clock time of the last completed handshake in
 *     nanoseconds since 1970, 0 when there has been none
 * @param rxBytes bytes received from the peer (whole UDP payloads, as the kernel counts)
 * @param txBytes bytes sent to the peer
 * @param persistentKeepalive seconds, 0 = off
 */
public record PeerSnapshot(PublicKey publicKey, PresharedKey presharedKey, PeerEndpoint endpoint,
        List<IpPrefix> allowedIps, long latestHandshakeEpochNanos, long rxBytes, long txBytes,
        int persistentKeepalive) {

    public PeerSnapshot {
        if (publicKey == null) {
            throw new IllegalArgumentException("publicKey must not be null");
        }
        if (presharedKey == null) {
            presharedKey = PresharedKey.NONE;
        }
        if (latestHandshakeEpochNanos < 0 || rxBytes < 0 || txBytes < 0) {
            throw new IllegalArgumentException("handshake time and byte counters must be >= 0");
        }
        if (persistentKeepalive < 0 || persistentKeepalive > 65535) {
            throw new IllegalArgumentException("persistentKeepalive " + persistentKeepalive + " is outside 0..65535");
        }
        allowedIps = List.copyOf(allowedIps);
    }

    /** Whole seconds of the latest handshake, as {@code wg show dump} prints (0 = never). */
    public long latestHandshakeEpochSeconds() {
        return latestHandshakeEpochNanos / 1_000_000_000L;
    }
}
