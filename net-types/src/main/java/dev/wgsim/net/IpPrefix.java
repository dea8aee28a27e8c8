package dev.wgsim.net;

/**
 * A CIDR prefix such as {@code 10.0.0.0/24} or {@code 2001:db8::/32}.
 *
 * <p>{@link #parse} is strict: host bits set below the prefix length ({@code 10.0.0.1/24}) are
 * rejected, because in routing and NAT configuration they are almost always a typo. An interface
 * address with its subnet ({@code 10.0.0.1/24}) is an {@link InterfaceAddress}, not a prefix; use
 * {@link #parseMasked} to accept and clear host bits deliberately (as wg-quick does for AllowedIPs).
 */
public record IpPrefix(IpAddress address, int length) {

    public IpPrefix {
        if (address == null) {
            throw new IllegalArgumentException("prefix address is null");
        }
        if (length < 0 || length > address.bitLength()) {
            throw new IllegalArgumentException("prefix length " + length + " outside 0.." + address.bitLength());
        }
        if (!mask(address, length).equals(address)) {
            throw new IllegalArgumentException("prefix " + address + "/" + length
                    + " has host bits set; did you mean " + mask(address, length) + "/" + length + "?");
        }
    }

    /** The prefix of {@code address} with everything below {@code length} bits cleared. */
    public static IpPrefix masked(IpAddress address, int length) {
        if (length < 0 || length > address.bitLength()) {
            throw new IllegalArgumentException("prefix length " + length + " outside 0.." + address.bitLength());
        }
        return new IpPrefix(mask(address, length), length);
    }

    /** A single-address prefix (/32 or /128). */
    public static IpPrefix host(IpAddress address) {
        return new IpPrefix(address, address.bitLength());
    }

    /** Parses "a.b.c.d/n" or "v6/n"; a bare address means a host prefix. Rejects host bits. */
    public static IpPrefix parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty prefix");
        }
        if (slash < 0) {
            return host(addressOf(text, text.length()));
        }
        IpAddress address = addressOf(text, slash);
        return new IpPrefix(address, parseLength(text, slash, address));
    }

    /** Like {@link #parse} but clears host bits instead of rejecting them. */
    public static IpPrefix parseMasked(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            return parse(text);
        }
        IpAddress address = addressOf(text, slash);
        return masked(address, parseLength(text, slash, address));
    }

    static IpAddress addressOf(String text, int slash) {
        try {
            return IpAddress.parse(text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid IP prefix '" + text + "': " + e.getMessage(), e);
        }
    }

    static int parseLength(String text, int slash, IpAddress address) {
        String len = text.substring(slash + 1);
        int max = address.bitLength();
        if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("invalid IP prefix '" + text + "': prefix length '" + len
                    + "' must be a number from 0 to " + max);
        }
        int length = Integer.parseInt(len);
        if (length > max) {
            throw new IllegalArgumentException("invalid IP prefix '" + text + "': prefix length " + length
                    + " is larger than " + max + " for an " + (max == 32 ? "IPv4" : "IPv6") + " address");
        }
        return length;
    }

    /** True when {@code a} is of the same family and its first {@link #length} bits match. */
    public boolean contains(IpAddress a) {
        if (a.isV6() != address.isV6()) {
            return false;
        }
        if (!address.isV6()) {
            if (length == 0) {
                return true;
            }
            int m = -1 << (32 - length);
            return (a.v4Bits() & m) == address.v4Bits();
        }
        if (length <= 64) {
            long m = length == 0 ? 0 : -1L << (64 - length);
            return (a.high() & m) == address.high();
        }
        long m = -1L << (128 - length);
        return a.high() == address.high() && (a.low() & m) == address.low();
    }

    /** True when every address of {@code other} is inside this prefix. */
    public boolean contains(IpPrefix other) {
        return other.length >= length && contains(other.address);
    }

    /** True when the two prefixes share at least one address (one contains the other). */
    public boolean overlaps(IpPrefix other) {
        return contains(other) || other.contains(this);
    }

    /** How many addresses the prefix spans, saturated at {@link Long#MAX_VALUE} (IPv6 /65 and shorter). */
    public long size() {
        int hostBits = address.bitLength() - length;
        return hostBits >= 63 ? Long.MAX_VALUE : 1L << hostBits;
    }

    public boolean isV6() {
        return address.isV6();
    }

    /** {@code a} with everything below {@code length} bits cleared (a routing lookup's key). */
    public static IpAddress mask(IpAddress a, int length) {
        if (!a.isV6()) {
            int m = length == 0 ? 0 : -1 << (32 - length);
            return IpAddress.v4(a.v4Bits() & m);
        }
        long hm = length == 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
        long lm = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
        return IpAddress.v6(a.high() & hm, a.low() & lm);
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
