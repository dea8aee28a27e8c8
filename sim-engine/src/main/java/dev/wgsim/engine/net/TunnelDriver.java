package dev.wgsim.engine.net;

/**
 * What sits behind a {@link TunnelInterface}: it receives the inner IP packets the host routes into
 * the tunnel. WireGuard plugs in here (from the scenarios module): it encrypts and sends datagrams
 * through an ordinary {@link UdpSocket}, and hands decrypted packets back with
 * {@link TunnelInterface#deliver(IpPacket)}.
 */
@FunctionalInterface
public interface TunnelDriver {
    /** The host routed {@code inner} into the tunnel at virtual time {@code nowNanos}. */
    void transmit(long nowNanos, IpPacket inner);
}
