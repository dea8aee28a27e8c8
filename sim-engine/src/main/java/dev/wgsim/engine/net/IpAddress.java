package dev.wgsim.engine.net;

/**
 * An IPv4 or IPv6 address as an immutable value.
 *
 * <p>Stored as two longs so that equality and hashing on the per-packet path (routing, NAT tables,
 * socket demultiplexing) never touch arrays or strings. An IPv4 address keeps its 32 bits in the low
 * word; IPv4-mapped IPv6 addresses stay IPv6 (they are different wire formats).
 */
public final class IpAddress implements Comparable<IpAddress> {
    private final long hi;
    private final long lo;
    private final boolean v6;

    private IpAddress(long hi, long lo, boolean v6) {
        this.hi = hi;
        this.lo = lo;
        this.v6 = v6;
    }

    /** The IPv4 address whose 32 bits (network order, most significant first) are {@code bits}. */
    public static IpAddress v4(int bits) {
        return new IpAddress(0, bits & 0xFFFF_FFFFL, false);
    }

    /** The IPv4 address a.b.c.d; each part must be 0..255. */
    public static IpAddress v4(int a, int b, int c, int d) {
        for (int part : new int[] {a, b, c, d}) {
            if (part < 0 || part > 255) {
                throw new IllegalArgumentException("IPv4 address part out of range 0..255: " + part);
            }
        }
        return v4((a << 24) | (b << 16) | (c << 8) | d);
    }

    /** The IPv6 address whose 128 bits are {@code hi} (first 8 bytes) and {@code lo} (last 8 bytes). */
    public static IpAddress v6(long hi, long lo) {
        return new IpAddress(hi, lo, true);
    }

    /** The address held in 4 (IPv4) or 16 (IPv6) bytes in network order. */
    public static IpAddress fromBytes(byte[] bytes) {
        if (bytes.length == 4) {
            return v4(readInt(bytes, 0));
        }
        if (bytes.length == 16) {
            return v6(readLong(bytes, 0), readLong(bytes, 8));
        }
        throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }

    /**
     * Parses dotted-quad IPv4 ({@code 192.0.2.1}) or any RFC 4291 text form of IPv6 ({@code 2001:db8::1},
     * {@code ::ffff:192.0.2.1}). Zone ids and brackets are rejected: an endpoint parser strips brackets.
     *
     * @throws IllegalArgumentException with the offending text and why
     */
    public static IpAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty IP address");
        }
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        Integer bits = parseV4Bits(text);
        if (bits == null) {
            throw new IllegalArgumentException("not an IPv4 address (expected a.b.c.d with parts 0..255): '" + text + "'");
        }
        return v4(bits);
    }

    private static Integer parseV4Bits(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int bits = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return null;
            }
            int value = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            // Leading zeros are ambiguous (octal in some parsers), so they are refused as inet_pton does.
            if (value > 255 || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            bits = (bits << 8) | value;
        }
        return bits;
    }

    private static IpAddress parseV6(String text) {
        String bad = "not an IPv6 address: '" + text + "'";
        int[] groups = new int[8];
        int count = 0;
        int gapAt = -1;
        String body = text;
        int dotted = 0;
        boolean embeddedV4 = false;
        int lastColon = text.lastIndexOf(':');
        if (text.indexOf('.', lastColon) >= 0) {
            Integer bits = parseV4Bits(text.substring(lastColon + 1));
            if (bits == null) {
                throw new IllegalArgumentException(bad + " (bad embedded IPv4 part)");
            }
            dotted = bits;
            embeddedV4 = true;
            body = text.substring(0, lastColon + 1);
            if (!body.endsWith("::")) {
                body = body.substring(0, body.length() - 1);
            }
        }
        int maxGroups = embeddedV4 ? 6 : 8;
        int i = 0;
        if (body.startsWith("::")) {
            gapAt = 0;
            i = 2;
        } else if (body.startsWith(":")) {
            throw new IllegalArgumentException(bad + " (leading single colon)");
        }
        while (i < body.length()) {
            int end = body.indexOf(':', i);
            if (end < 0) {
                end = body.length();
            }
            String group = body.substring(i, end);
            if (group.isEmpty() || group.length() > 4) {
                throw new IllegalArgumentException(bad + " (groups are 1-4 hex digits)");
            }
            int value = 0;
            for (int k = 0; k < group.length(); k++) {
                int digit = Character.digit(group.charAt(k), 16);
                if (digit < 0) {
                    throw new IllegalArgumentException(bad + " (groups are 1-4 hex digits)");
                }
                value = (value << 4) | digit;
            }
            if (count == maxGroups) {
                throw new IllegalArgumentException(bad + " (too many groups)");
            }
            groups[count++] = value;
            if (end == body.length()) {
                break;
            }
            if (end + 1 < body.length() && body.charAt(end + 1) == ':') {
                if (gapAt >= 0) {
                    throw new IllegalArgumentException(bad + " ('::' may appear only once)");
                }
                gapAt = count;
                i = end + 2;
            } else {
                i = end + 1;
                if (i == body.length()) {
                    throw new IllegalArgumentException(bad + " (trailing single colon)");
                }
            }
        }
        int[] full = new int[8];
        int needed = maxGroups;
        if (gapAt >= 0) {
            if (count == needed) {
                throw new IllegalArgumentException(bad + " ('::' must stand for at least one group)");
            }
            for (int g = 0; g < gapAt; g++) {
                full[g] = groups[g];
            }
            int tail = count - gapAt;
            for (int g = 0; g < tail; g++) {
                full[needed - tail + g] = groups[gapAt + g];
            }
        } else {
            if (count != needed) {
                throw new IllegalArgumentException(bad + " (expected " + needed + " groups, got " + count + ")");
            }
            System.arraycopy(groups, 0, full, 0, count);
        }
        if (embeddedV4) {
            full[6] = (dotted >>> 16) & 0xFFFF;
            full[7] = dotted & 0xFFFF;
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | full[g];
            lo = (lo << 16) | full[g + 4];
        }
        return v6(hi, lo);
    }

    public boolean isV6() {
        return v6;
    }

    public boolean isV4() {
        return !v6;
    }

    /** Address length in bits: 32 or 128. */
    public int bitLength() {
        return v6 ? 128 : 32;
    }

    /** The 32 bits of an IPv4 address. */
    public int v4Bits() {
        if (v6) {
            throw new IllegalStateException("not an IPv4 address: " + this);
        }
        return (int) lo;
    }

    /** First 64 bits of an IPv6 address (0 for IPv4). */
    public long high() {
        return hi;
    }

    /** Last 64 bits of an IPv6 address, or the 32 bits of an IPv4 address zero-extended. */
    public long low() {
        return lo;
    }

    /**
     * The address {@code offset} places after this one (before it when negative), in the same
     * family; an address pool hands out consecutive addresses this way.
     *
     * @throws IllegalArgumentException when the result falls outside the family's range
     */
    public IpAddress plus(long offset) {
        if (!v6) {
            long v = lo + offset;
            if (offset > 0xFFFF_FFFFL || offset < -0xFFFF_FFFFL || v < 0 || v > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException(this + " plus " + offset + " is outside IPv4");
            }
            return v4((int) v);
        }
        long newLo = lo + offset;
        long newHi = hi;
        if (offset >= 0 && Long.compareUnsigned(newLo, lo) < 0) {
            if (hi == -1L) {
                throw new IllegalArgumentException(this + " plus " + offset + " is outside IPv6");
            }
            newHi++;
        } else if (offset < 0 && Long.compareUnsigned(newLo, lo) > 0) {
            if (hi == 0) {
                throw new IllegalArgumentException(this + " plus " + offset + " is outside IPv6");
            }
            newHi--;
        }
        return v6(newHi, newLo);
    }

    /** A fresh copy of the 4 or 16 network-order bytes. */
    public byte[] toBytes() {
        byte[] out = new byte[v6 ? 16 : 4];
        writeTo(out, 0);
        return out;
    }

    /** Writes the 4 or 16 network-order bytes at {@code offset}. */
    public void writeTo(byte[] out, int offset) {
        if (v6) {
            writeLong(out, offset, hi);
            writeLong(out, offset + 8, lo);
        } else {
            writeInt(out, offset, (int) lo);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && other.hi == hi && other.lo == lo && other.v6 == v6;
    }

    @Override
    public int hashCode() {
        long h = hi * 0x9E3779B97F4A7C15L + lo;
        return (int) (h ^ (h >>> 32)) + (v6 ? 1 : 0);
    }

    /** IPv4 before IPv6, then by numeric value. */
    @Override
    public int compareTo(IpAddress o) {
        if (v6 != o.v6) {
            return v6 ? 1 : -1;
        }
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    /** Dotted quad, or RFC 5952 canonical IPv6 (lower case, longest zero run of 2+ groups as "::"). */
    @Override
    public String toString() {
        if (!v6) {
            int b = (int) lo;
            return ((b >>> 24) & 0xFF) + "." + ((b >>> 16) & 0xFF) + "." + ((b >>> 8) & 0xFF) + "." + (b & 0xFF);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    static long readLong(byte[] b, int off) {
        return ((long) readInt(b, off) << 32) | (readInt(b, off + 4) & 0xFFFF_FFFFL);
    }

    static void writeInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static void writeLong(byte[] b, int off, long v) {
        writeInt(b, off, (int) (v >>> 32));
        writeInt(b, off + 4, (int) v);
    }
}
