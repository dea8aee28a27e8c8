package dev.wgsim.scenario.tailnet.control;

/**
 * Receives the client's network map as it changes, one peer at a time, the way Tailscale's engine
 * reconfigures WireGuard and magicsock from each new netmap.
 */
public interface NetmapListener {
    /** This node's own record (addresses, expiry) arrived or changed. */
    void self(long now, Node self);

    /** A peer appeared or changed; {@code previous} is null for a new one. */
    void peer(long now, Node peer, Node previous);

    /** A peer left the map. */
    void peerRemoved(long now, Node previous);
}
