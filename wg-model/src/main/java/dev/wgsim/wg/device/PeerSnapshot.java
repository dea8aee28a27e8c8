package dev.wgsim.wg.device;

import dev.wgsim.net.IpPrefix;
import dev.wgsim.wg.crypto.PublicKey;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The device's read-only view of a peer, in virtual time (config's {@code PeerSnapshot} is what
 * {@code wg show} prints, in wall-clock time, and is also parsed from real {@code wg show dump}): endpoint (null if none), allowed IPs in wg order,
 * latest handshake in virtual ns ({@code hasHandshake} false when never), byte counters as
 * wireguard-go counts them (full UDP payloads of every message sent / authenticated message
 * received), persistent keepalive in seconds (0 = off), and the current session for teaching views.
 */
public record PeerSnapshot(PublicKey publicKey, boolean hasPresharedKey, InetSocketAddress endpoint,
                           List<IpPrefix> allowedIps, boolean hasHandshake, long latestHandshakeNanos,
                           long rxBytes, long txBytes, int persistentKeepaliveSeconds, Session currentSession) {
    public PeerSnapshot {
        allowedIps = List.copyOf(allowedIps);
    }

    /**
     * The current sending keypair: send key (base64 - a session secret, shown only by the teaching
     * demo), next send counter, role, creation time. Null when there is none.
     */
    public record Session(String sendKeyBase64, long sendCounter, boolean isInitiator, long createdNanos,
                          int localIndex, int remoteIndex) {}

    /**
     * A peer's three keypair slots (WIREGUARD.md §5.3): {@code previous} still decrypts late
     * packets, {@code current} encrypts, {@code next} waits (responder side) for the initiator's
     * first transport packet. Each is null when the slot is empty.
     */
    public record Slots(Session previous, Session current, Session next) {}
}
