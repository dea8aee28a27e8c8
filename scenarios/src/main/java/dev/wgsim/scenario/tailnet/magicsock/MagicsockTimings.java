package dev.wgsim.scenario.tailnet.magicsock;

/**
 * The timers of wgengine/magicsock (constants in endpoint.go and magicsock.go), in nanoseconds.
 *
 * @param heartbeat        heartbeatInterval: ping the best path this often while the session is active
 * @param trustUdpAddr     trustUDPAddrDuration: how long a pong vouches for a path
 * @param discoPingInterval minimum gap between discovery pings to one endpoint
 * @param pingTimeout      pingTimeoutDuration: a ping without pong is forgotten after this
 * @param sessionActive    sessionActiveTimeout: idle point after the last send (heartbeats, re-STUN stop)
 * @param upgradeInterval  full re-probe for a better path this often (skipped when latency is good enough)
 * @param goodEnoughLatency no re-probe for a path at least this fast
 * @param reStunMin        periodic re-STUN while active: a random delay in [min, max)
 * @param reStunMax        see reStunMin
 * @param endpointsFresh   endpointsFreshEnoughDuration: older endpoints are re-STUNed before a CallMeMaybe
 */
public record MagicsockTimings(long heartbeat, long trustUdpAddr, long discoPingInterval, long pingTimeout,
                               long sessionActive, long upgradeInterval, long goodEnoughLatency,
                               long reStunMin, long reStunMax, long endpointsFresh) {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    public static final MagicsockTimings TAILSCALE = new MagicsockTimings(3 * S, 6500 * MS, 5 * S, 5 * S,
            45 * S, 60 * S, 5 * MS, 20 * S, 26 * S, 27 * S);
}
