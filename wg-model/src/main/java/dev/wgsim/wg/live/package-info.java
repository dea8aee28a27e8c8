/**
 * Runs a {@code WgDevice} on a real UDP socket, the wall clock and SecureRandom, for interoperability
 * with wireguard-go; the only package of wg-model allowed to read the wall clock or OS randomness.
 */
package dev.wgsim.wg.live;
