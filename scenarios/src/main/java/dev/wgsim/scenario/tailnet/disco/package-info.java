/**
 * Tailscale's discovery (disco) protocol: Ping, Pong and CallMeMaybe as NaCl boxes under each
 * node's disco key, framed with the magic {@code "TS💬"}, the sender's disco public key and a nonce.
 * Pure values and codecs: no engine state, no clock.
 */
package dev.wgsim.scenario.tailnet.disco;
