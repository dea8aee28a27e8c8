/**
 * The WireGuard interface and its peers as a sans-I/O state machine: datagrams, inner packets and
 * virtual time in; datagrams, deliveries, drops, events and one deadline out.
 *
 * <p>{@link dev.wgsim.wg.device.WgDevice} is the public face and holds the shared state; like
 * wireguard-go's one Device spread over device.go, timers.go, send.go and receive.go, its other
 * concerns live in package-private collaborators over the same peer state: {@code DeviceTimers}
 * (the five timers per peer and which peers are due), {@code DeviceSend} (routing, staging,
 * sealing, keepalives, building handshake messages) and {@code DeviceReceive} (the handshake gate
 * and cookies, opening transport packets, roaming, the inner allowed-IPs check). Endpoints are
 * {@link dev.wgsim.wg.device.UdpEndpoint}s or a {@link dev.wgsim.wg.device.WgEndpoint} kind the
 * layer below resolves (a tailnet client's paths).
 */
package dev.wgsim.wg.device;
