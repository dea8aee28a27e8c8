package dev.wgsim.engine.net;

/**
 * Sees packets crossing a host's physical interfaces or entering a link (a capture point, like
 * {@code tcpdump -i}). Called on the per-packet path: implementations must be cheap.
 */
@FunctionalInterface
public interface PacketObserver {
    /** {@code packet} crossed the capture point at virtual time {@code nowNanos}. */
    void onPacket(long nowNanos, IpPacket packet);
}
