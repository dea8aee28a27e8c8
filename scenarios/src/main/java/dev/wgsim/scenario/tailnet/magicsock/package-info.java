/**
 * Tailscale's magicsock as a sans-I/O state machine: one UDP port shared by WireGuard, disco and
 * STUN; per peer the candidate paths (endpoints from the netmap, from CallMeMaybe, and
 * peer-reflexive sources of pings), first packets via the peer's home DERP, disco pings to every
 * candidate, the best path chosen on pongs and trusted for 6.5 s, 3 s heartbeats while active,
 * and the fall-back to DERP when pongs stop.
 */
package dev.wgsim.scenario.tailnet.magicsock;
