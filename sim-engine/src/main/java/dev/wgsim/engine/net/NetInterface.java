package dev.wgsim.engine.net;

import dev.wgsim.net.InterfaceAddress;
import dev.wgsim.net.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A network interface of a {@link Host}: a name, its addresses (any number per family, each with its
 * subnet; the first of a family is that family's primary, as {@code ip addr} lists them), up/down
 * state, and a way to put packets out. {@link PhysicalInterface} attaches to a link;
 * {@link TunnelInterface} hands packets to a pluggable {@link TunnelDriver}.
 *
 * <p>Addresses change only through the host ({@link Host#setAddress}, {@link Host#addAddress}), which
 * keeps its connected routes and its table of local addresses in step.
 */
public abstract sealed class NetInterface permits PhysicalInterface, TunnelInterface {
    private final Host host;
    private final String name;
    /** IPv4 addresses then IPv6 ones, each family in the order they were added. */
    private final List<InterfaceAddress> v4 = new ArrayList<>(1);
    private final List<InterfaceAddress> v6 = new ArrayList<>(1);
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
        return !v4.isEmpty() ? v4.get(0) : v6.isEmpty() ? null : v6.get(0);
    }

    /** The primary address of one family with its subnet, or null. */
    public InterfaceAddress interfaceAddress(boolean ipv6) {
        List<InterfaceAddress> f = ipv6 ? v6 : v4;
        return f.isEmpty() ? null : f.get(0);
    }

    /** The primary IP address (null when unaddressed). */
    public IpAddress address() {
        InterfaceAddress a = interfaceAddress();
        return a == null ? null : a.address();
    }

    /** The primary IP address of one family (null when the interface has none). */
    public IpAddress address(boolean ipv6) {
        List<InterfaceAddress> f = ipv6 ? v6 : v4;
        return f.isEmpty() ? null : f.get(0).address();
    }

    /**
     * The source address for a packet to {@code destination} leaving here, as Linux picks it for a
     * route without a preferred source: an address of the destination's family whose subnet holds the
     * destination, else that family's primary; null when the interface has none of that family.
     */
    public IpAddress sourceFor(IpAddress destination) {
        List<InterfaceAddress> f = destination.isV6() ? v6 : v4;
        if (f.isEmpty()) {
            return null;
        }
        for (int i = 1; i < f.size(); i++) {
            if (f.get(i).subnet().contains(destination)) {
                return f.get(i).address();
            }
        }
        return f.get(0).address();
    }

    /** Every address, IPv4 first. */
    public List<InterfaceAddress> addresses() {
        List<InterfaceAddress> out = new ArrayList<>(v4.size() + v6.size());
        out.addAll(v4);
        out.addAll(v6);
        return List.copyOf(out);
    }

    boolean hasAddress(IpAddress a) {
        for (InterfaceAddress x : a.isV6() ? v6 : v4) {
            if (x.address().equals(a)) {
                return true;
            }
        }
        return false;
    }

    public boolean isUp() {
        return up;
    }

    /** Brings the interface up or down; a down interface neither sends nor receives. */
    public void setUp(boolean up) {
        this.up = up;
    }

    /** Sets the primary address of the address's family; returns the address it replaced (or null). */
    InterfaceAddress setAddressInternal(InterfaceAddress address) {
        List<InterfaceAddress> f = address.address().isV6() ? v6 : v4;
        if (f.isEmpty()) {
            f.add(address);
            return null;
        }
        return f.set(0, address);
    }

    /** Adds a further address; false when the interface already has that address. */
    boolean addAddressInternal(InterfaceAddress address) {
        if (hasAddress(address.address())) {
            return false;
        }
        (address.address().isV6() ? v6 : v4).add(address);
        return true;
    }

    /** Puts {@code packet} out of this interface at the host's current time. */
    public abstract void transmit(IpPacket packet);

    @Override
    public String toString() {
        return host.name() + "/" + name;
    }
}
