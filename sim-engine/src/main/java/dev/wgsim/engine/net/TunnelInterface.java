package dev.wgsim.engine.net;

import dev.wgsim.net.InterfaceAddress;

/**
 * A virtual interface (like {@code wg0}) whose transmit is implemented by a pluggable
 * {@link TunnelDriver}. Packets coming out of the tunnel enter the host with {@link #deliver}, exactly
 * as if they had arrived on a wire: local delivery, ICMP echo answers, or forwarding.
 */
public final class TunnelInterface extends NetInterface {
    private TunnelDriver driver;
    private int mtu;

    TunnelInterface(Host host, String name, InterfaceAddress address) {
        super(host, name, address);
    }

    /** Installs the driver; until then transmitted packets are dropped as {@code interface_down}. */
    public void setDriver(TunnelDriver driver) {
        this.driver = driver;
    }

    /** The largest IP packet the tunnel takes, in bytes; 0 (the default) for no limit. */
    public int mtu() {
        return mtu;
    }

    /**
     * Sets the MTU: larger packets routed into the tunnel are dropped as {@code tunnel_mtu} (as a
     * packet with DF set, or any IPv6 packet, that Linux refuses to send; no fragmentation is modelled).
     */
    public void setMtu(int mtu) {
        if (mtu < 0 || mtu > 65535) {
            throw new IllegalArgumentException("MTU outside 0..65535: " + mtu);
        }
        this.mtu = mtu;
    }

    @Override
    public void transmit(IpPacket packet) {
        Host host = host();
        if (driver == null || !isUp()) {
            host.drop(DropReason.INTERFACE_DOWN, packet);
            return;
        }
        if (mtu > 0 && packet.wireLength() > mtu) {
            host.drop(DropReason.TUNNEL_MTU, packet);
            return;
        }
        driver.transmit(host.network().now(), packet);
    }

    /** A packet that came out of the tunnel (e.g. decrypted by WireGuard) enters the host now. */
    public void deliver(IpPacket inner) {
        host().receive(this, inner);
    }
}
