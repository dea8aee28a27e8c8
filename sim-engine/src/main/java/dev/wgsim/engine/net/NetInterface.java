package dev.wgsim.engine.net;

/**
 * A network interface of a {@link Host}: a name, at most one address per family (IPv4 and IPv6,
 * each with its subnet), up/down state, and a way to put packets out. {@link PhysicalInterface} attaches to a link; {@link TunnelInterface}
 * hands packets to a pluggable {@link TunnelDriver}.
 */
public abstract sealed class NetInterface permits PhysicalInterface, TunnelInterface {
    private final Host host;
    private final String name;
    private InterfaceAddress v4;
    private InterfaceAddress v6;
    private boolean up = true;

    NetInterface(Host host, String name, InterfaceAddress address) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("interface name is empty");
        }
        this.host = host;
        this.name = name;
        if (address != null) {
            setAddressInternal(address);
        }
    }

    public Host host() {
        return host;
    }

    public String name() {
        return name;
    }

    /** The primary address with its subnet (IPv4 if present, else IPv6), or null when unaddressed. */
    public InterfaceAddress interfaceAddress() {
        return v4 != null ? v4 : v6;
    }

    /** The address of one family with its subnet, or null. */
    public InterfaceAddress interfaceAddress(boolean ipv6) {
        return ipv6 ? v6 : v4;
    }

    /** The primary IP address (null when unaddressed). */
    public IpAddress address() {
        InterfaceAddress a = interfaceAddress();
        return a == null ? null : a.address();
    }

    /** The IP address of one family (null when the interface has none). */
    public IpAddress address(boolean ipv6) {
        InterfaceAddress a = ipv6 ? v6 : v4;
        return a == null ? null : a.address();
    }

    /** Every address, IPv4 first. */
    public java.util.List<InterfaceAddress> addresses() {
        java.util.List<InterfaceAddress> out = new java.util.ArrayList<>(2);
        if (v4 != null) {
            out.add(v4);
        }
        if (v6 != null) {
            out.add(v6);
        }
        return java.util.List.copyOf(out);
    }

    boolean hasAddress(IpAddress a) {
        InterfaceAddress mine = a.isV6() ? v6 : v4;
        return mine != null && mine.address().equals(a);
    }

    public boolean isUp() {
        return up;
    }

    /** Brings the interface up or down; a down interface neither sends nor receives. */
    public void setUp(boolean up) {
        this.up = up;
    }

    /** Sets the slot of the address's family; returns the address it replaced (or null). */
    InterfaceAddress setAddressInternal(InterfaceAddress address) {
        InterfaceAddress old;
        if (address.address().isV6()) {
            old = v6;
            v6 = address;
        } else {
            old = v4;
            v4 = address;
        }
        return old;
    }

    /** Puts {@code packet} out of this interface at the host's current time. */
    public abstract void transmit(IpPacket packet);

    @Override
    public String toString() {
        return host.name() + "/" + name;
    }
}
