/**
 * DERP relays as in Tailscale's {@code derp} package: a server node that forwards packets between
 * clients by Curve25519 node key over TLS streams (the engine's stream package), with the real
 * frame layout (1-byte type, 4-byte big-endian length), the ServerKey/ClientInfo/ServerInfo login,
 * a 32-packet queue per destination, PeerGone for unknown or departed peers, and a STUN responder
 * on UDP 3478; and the client a tailnet node keeps to its home region and opens to others.
 */
package dev.wgsim.scenario.tailnet.derp;
