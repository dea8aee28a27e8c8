/**
 * Tailnet mode wired onto a simulation: a coordination server on its node, DERP relays that also
 * answer STUN, and on every device a WireGuard interface whose datagrams go through magicsock (a
 * {@link dev.wgsim.scenario.sim.Bind}) instead of a plain UDP port. The protocol logic lives in the
 * sans-I/O sub-packages; this package moves their bytes and timers through the engine.
 */
package dev.wgsim.scenario.tailnet;
