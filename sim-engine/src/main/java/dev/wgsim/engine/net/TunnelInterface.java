package dev.wgsim.engine.net;

/**
 * A virtual interface (like {@code wg0}) whose transmit is implemented by a pluggable
 * {@link TunnelDriver}. Packets coming out of the tunnel enter the host with {@link #deliver}, exactly
 * as if they had arrived on a wire: local delivery, ICMP echo answers, or forwarding.
 */
public final class TunnelInterface extends NetInterface {
    private TunnelDriver driver;

    TunnelInterface(Host host, String name, InterfaceAddress address) {
        super(host, name, address);
    }

    /** Installs the driver; until then transmitted packets are dropped as {@code interface_down}. */
    public void setDriver(TunnelDriver driver) {
        this.driver = driver;
    }

    @Override
    public void transmit(IpPacket packet) {
        Host host = host();
        if (driver == null || !isUp()) {
            host.drop(DropReason.INTERFACE_DOWN, packet);
            return;
        }
        driver.transmit(host.network().now(), packet);
    }

    /** A packet that came out of the tunnel (e.g. decrypted by WireGuard) enters the host now. */
    public void deliver(IpPacket inner) {
        host().receive(this, inner);
    }
}
