package dev.wgsim.wg.device;

/**
 * Where a peer's datagrams go, as the layer under the device resolves it (wireguard-go
 * {@code conn.Endpoint}). Plain WireGuard uses {@link UdpEndpoint}, a socket address that roaming
 * moves to the source of the peer's latest authenticated datagram.
 *
 * <p>A layer that chooses paths itself (a tailnet client: direct {@code ip:port}, or through a
 * relay to a key) implements this interface with its own kind and:
 * <ul>
 *   <li>gives each peer its endpoint with {@link WgDevice#setWgEndpoint(WgPeer, WgEndpoint)};</li>
 *   <li>resolves {@link Datagram#endpoint()} itself when it sends what the device produced;</li>
 *   <li>hands each datagram it received to {@link WgDevice#receive(long, WgEndpoint, byte[], int, int)}
 *       with the endpoint it attributes the datagram to (the sending peer's, when it knows it).</li>
 * </ul>
 * The device never replaces an endpoint of such a kind (roaming happens only between UDP
 * endpoints) and never looks inside one, except for the two cookie methods below.
 */
public interface WgEndpoint {
    /**
     * The source address bytes (4 or 16) that a cookie reply's mac2 and the handshake rate limiter
     * bind to (wireguard-go {@code DstToBytes}/{@code DstIP}); stable for one source.
     */
    byte[] cookieAddress();

    /** The source port a cookie binds to. */
    int cookiePort();
}
