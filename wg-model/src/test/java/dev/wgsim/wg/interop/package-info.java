/**
 * Interoperability tests against a real wireguard-go 0.0.20220316 on loopback. They need root (or
 * CAP_NET_ADMIN), {@code /dev/net/tun}, {@code wireguard-go}, {@code wg}, {@code ip}, {@code ping}
 * and {@code tshark} ({@code .ci/run} installs them) and fail, never skip, without them.
 */
package dev.wgsim.wg.interop;
