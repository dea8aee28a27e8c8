package dev.wgsim.net;

/**
 * An address assigned to an interface together with its subnet length, as {@code ip addr} shows it:
 * {@code 192.168.1.10/24}. The subnet gives the host a connected route.
 */
public record InterfaceAddress(IpAddress address, int prefixLength) {

    public InterfaceAddress {
        if (address == null) {
            throw new IllegalArgumentException("interface address is null");
        }
        if (prefixLength < 0 || prefixLength > address.bitLength()) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0.." + address.bitLength());
        }
    }

    /** Parses "192.168.1.10/24"; a bare address gets a host-length subnet (/32 or /128). */
    public static InterfaceAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty interface address");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            IpAddress a = IpPrefix.addressOf(text, text.length());
            return new InterfaceAddress(a, a.bitLength());
        }
        IpAddress a = IpPrefix.addressOf(text, slash);
        return new InterfaceAddress(a, IpPrefix.parseLength(text, slash, a));
    }

    /** The connected subnet, host bits cleared. */
    public IpPrefix subnet() {
        return IpPrefix.masked(address, prefixLength);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
