package dev.wgsim.scenario.net;

/**
 * An address with a prefix length, as written (host bits kept: {@code 10.0.0.1/24} is an
 * interface address; {@link #network()} masks them for routing).
 */
public record Prefix(IpAddr address, int length) {
    public Prefix {
        if (length < 0 || length > address.bits()) {
            throw new IllegalArgumentException("prefix length " + length + " out of range");
        }
    }

    /** Parses {@code addr/len}; a bare address is a host prefix (/32 or /128). */
    public static Prefix parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        IpAddr a = IpAddr.parse(slash < 0 ? s : s.substring(0, slash));
        if (slash < 0) {
            return new Prefix(a, a.bits());
        }
        String lenText = s.substring(slash + 1);
        int len;
        try {
            len = Integer.parseInt(lenText);
        } catch (NumberFormatException e) {
            len = -1;
        }
        if (len < 0 || len > a.bits() || !lenText.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + text + "' has a bad prefix length|Write a length from 0 to " + a.bits()
                    + " after the slash, e.g. 10.0.0.0/24.");
        }
        return new Prefix(a, len);
    }

    /** The host prefix of an address. */
    public static Prefix host(IpAddr a) {
        return new Prefix(a, a.bits());
    }

    public Prefix network() {
        return new Prefix(mask(address, length), length);
    }

    public boolean contains(IpAddr a) {
        return a.v6() == address.v6() && mask(a, length).equals(mask(address, length));
    }

    public boolean overlaps(Prefix o) {
        if (o.address.v6() != address.v6()) {
            return false;
        }
        int l = Math.min(length, o.length);
        return mask(address, l).equals(mask(o.address, l));
    }

    /** How many addresses the prefix spans, saturated at Long.MAX_VALUE. */
    public long size() {
        int hostBits = address.bits() - length;
        return hostBits >= 63 ? Long.MAX_VALUE : 1L << hostBits;
    }

    static IpAddr mask(IpAddr a, int len) {
        if (!a.v6()) {
            long m = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
            return new IpAddr(false, 0, a.lo() & m);
        }
        long mHi = len >= 64 ? -1L : len == 0 ? 0 : -1L << (64 - len);
        long mLo = len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
        return new IpAddr(true, a.hi() & mHi, a.lo() & mLo);
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
