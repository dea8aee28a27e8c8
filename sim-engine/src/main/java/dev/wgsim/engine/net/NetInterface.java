package dev.wgsim.engine.net;

/**
 * A network interface of a {@link Host}: a name, an address with its subnet, up/down state, and a
 * way to put packets out. {@link PhysicalInterface} attaches to a link; {@link TunnelInterface}
 * hands packets to a pluggable {@link TunnelDriver}.
 */
public abstract sealed class NetInterface permits PhysicalInterface, TunnelInterface {
    private final Host host;
    private final String name;
    private InterfaceAddress address;
    private boolean up = true;

    NetInterface(Host host, String name, InterfaceAddress address) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("interface name is empty");
        }
        this.host = host;
        this.name = name;
        this.address = address;
    }

    public Host host() {
        return host;
    }

    public String name() {
        return name;
    }

    /** The interface address with its subnet, or null when unaddressed. */
    public InterfaceAddress interfaceAddress() {
        return address;
    }

    /** The interface's IP address (null when unaddressed). */
    public IpAddress address() {
        return address == null ? null : address.address();
    }

    public boolean isUp() {
        return up;
    }

    /** Brings the interface up or down; a down interface neither sends nor receives. */
    public void setUp(boolean up) {
        this.up = up;
    }

    void setAddressInternal(InterfaceAddress address) {
        this.address = address;
    }

    /** Puts {@code packet} out of this interface at the host's current time. */
    public abstract void transmit(IpPacket packet);

    @Override
    public String toString() {
        return host.name() + "/" + name;
    }
}
