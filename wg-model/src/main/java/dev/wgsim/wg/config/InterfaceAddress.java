package dev.wgsim.wg.config;

import dev.wgsim.net.IpAddress;
import dev.wgsim.wg.routing.IpPrefix;

/**
 * An address assigned to the tunnel interface with its on-link prefix length, e.g.
 * {@code 10.0.0.1/24}. Unlike {@link IpPrefix} the host bits are kept: they are the address.
 *
 * @param address 4 or 16 bytes (accessor returns a copy)
 */
public record InterfaceAddress(byte[] address, int bits) {

    public InterfaceAddress {
        IpPrefix.of(address, bits); // validates family and length
        address = address.clone();
    }

    /** Parses {@code 10.0.0.1/24}; without {@code /n} the address is a host (/32 or /128). */
    public static InterfaceAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty IP prefix (expected e.g. 10.0.0.1/24 or fd00::1/64)");
        }
        dev.wgsim.net.InterfaceAddress a = dev.wgsim.net.InterfaceAddress.parse(text.strip());
        return new InterfaceAddress(a.address().toBytes(), a.prefixLength());
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    /** The on-link network, host bits cleared. */
    public IpPrefix network() {
        return IpPrefix.of(address, bits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterfaceAddress a && a.bits == bits && java.util.Arrays.equals(a.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(address) + bits;
    }

    @Override
    public String toString() {
        return IpAddress.fromBytes(address).toString() + "/" + bits;
    }
}
