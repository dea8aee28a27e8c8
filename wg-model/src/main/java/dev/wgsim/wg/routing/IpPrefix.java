package dev.wgsim.wg.routing;

import dev.wgsim.net.IpAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 prefix (CIDR) with its host bits cleared: {@code 10.1.2.3/24} is stored and
 * printed as {@code 10.1.2.0/24}, as both WireGuard implementations store allowed IPs. The
 * allowed-IPs trie's key: bytes, as packets carry them; parsed and printed by net-types'
 * {@link dev.wgsim.net.IpPrefix}, which the engine uses directly.
 *
 * @param address 4 or 16 bytes, masked to {@code bits} (accessor returns a copy)
 * @param bits prefix length, 0..32 or 0..128
 */
public record IpPrefix(byte[] address, int bits) {

    public IpPrefix {
        if (address == null || (address.length != 4 && address.length != 16)) {
            throw new IllegalArgumentException("an IP prefix needs a 4- or 16-byte address, got "
                    + (address == null ? "null" : address.length + " bytes"));
        }
        int max = address.length * 8;
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("prefix length " + bits + " is outside 0.." + max);
        }
        address = masked(address, bits);
    }

    /** The prefix of {@code address} of length {@code bits}, host bits cleared. */
    public static IpPrefix of(byte[] address, int bits) {
        return new IpPrefix(address, bits);
    }

    /** A host prefix: /32 or /128. */
    public static IpPrefix host(byte[] address) {
        return new IpPrefix(address, address.length * 8);
    }

    /**
     * Parses {@code address/bits}; an address without {@code /bits} is a host prefix (as
     * {@code wg set ... allowed-ips 10.0.0.1} means /32).
     *
     * @throws IllegalArgumentException naming the text and the problem
     */
    public static IpPrefix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty IP prefix (expected e.g. 10.0.0.0/24 or fd00::/64)");
        }
        dev.wgsim.net.IpPrefix p = dev.wgsim.net.IpPrefix.parseMasked(text.strip());
        return new IpPrefix(p.address().toBytes(), p.length());
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    public boolean isIpv6() {
        return address.length == 16;
    }

    /** 32 or 128. */
    public int maxBits() {
        return address.length * 8;
    }

    /** True if {@code addr} (4 or 16 bytes, same family) falls inside this prefix. */
    public boolean contains(byte[] addr) {
        if (addr.length != address.length) {
            return false;
        }
        return Arrays.equals(masked(addr, bits), address);
    }

    /** The first 64 bits of the (masked) address, most significant first; IPv4 in the top 32. */
    long high() {
        return highOf(address, 0, address.length);
    }

    /** Bits 64..127 of the address (0 for IPv4). */
    long low() {
        return lowOf(address, 0, address.length);
    }

    static long highOf(byte[] a, int off, int len) {
        long v = 0;
        int n = Math.min(len, 8);
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (a[off + i] & 0xffL);
        }
        return n == 8 ? v : v << (64 - 8 * n);
    }

    static long lowOf(byte[] a, int off, int len) {
        if (len <= 8) {
            return 0;
        }
        long v = 0;
        for (int i = 8; i < 16; i++) {
            v = (v << 8) | (a[off + i] & 0xffL);
        }
        return v;
    }

    private static byte[] masked(byte[] a, int bits) {
        byte[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = bits - 8 * i;
            if (keep <= 0) {
                out[i] = 0;
            } else if (keep < 8) {
                out[i] &= (byte) (0xff << (8 - keep));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpPrefix p && p.bits == bits && Arrays.equals(p.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + bits;
    }

    /** Canonical text, e.g. {@code 10.1.2.0/24}, {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        return IpAddress.fromBytes(address).toString() + "/" + bits;
    }
}
