package dev.wgsim.net;

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

    /** The IPv4 address in the 4 network-order bytes of {@code b} at {@code offset} (a packet header). */
    public static IpAddress v4At(byte[] b, int offset) {
        return v4(readInt(b, offset));
    }

    /** The IPv6 address in the 16 network-order bytes of {@code b} at {@code offset} (a packet header). */
    public static IpAddress v6At(byte[] b, int offset) {
        return v6(readLong(b, offset), readLong(b, offset + 8));
    }

    /** True if {@code text} is an address literal {@link #parse} accepts (never a host name). */
    public static boolean isLiteral(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
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
        byte[] v4 = new byte[4];
        String problem = parseV4Into(text, v4, 0);
        if (problem != null) {
            throw new IllegalArgumentException("invalid IPv4 address '" + text + "': " + problem);
        }
        return v4At(v4, 0);
    }

    /** @return null if fine, else the reason */
    private static String parseV4Into(String text, byte[] out, int off) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return "expected four decimal numbers separated by dots";
        }
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return "part " + (i + 1) + " ('" + p + "') is not a number from 0 to 255";
            }
            for (int k = 0; k < p.length(); k++) {
                if (p.charAt(k) < '0' || p.charAt(k) > '9') {
                    return "part " + (i + 1) + " ('" + p + "') is not a number from 0 to 255";
                }
            }
            if (p.length() > 1 && p.charAt(0) == '0') {
                return "part " + (i + 1) + " ('" + p + "') has a leading zero (ambiguous: octal in some tools)";
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return "part " + (i + 1) + " (" + v + ") is larger than 255";
            }
            out[off + i] = (byte) v;
        }
        return null;
    }

    private static IpAddress parseV6(String text) {
        if (text.indexOf('%') >= 0) {
            throw new IllegalArgumentException("invalid IPv6 address '" + text + "': zone ids (%...) are not allowed");
        }
        byte[] out = new byte[16];
        int dbl = text.indexOf("::");
        if (dbl >= 0 && text.indexOf("::", dbl + 1) >= 0) {
            throw new IllegalArgumentException("invalid IPv6 address '" + text + "': '::' may appear only once");
        }
        String head = dbl >= 0 ? text.substring(0, dbl) : text;
        String tail = dbl >= 0 ? text.substring(dbl + 2) : "";
        int[] headWords = new int[8];
        int[] tailWords = new int[8];
        int nHead = groups(text, head, headWords, dbl < 0);
        int nTail = dbl >= 0 ? groups(text, tail, tailWords, true) : 0;
        int total = nHead + nTail;
        if (dbl < 0 && total != 8) {
            throw new IllegalArgumentException("invalid IPv6 address '" + text + "': expected 8 groups of hex digits, got " + total);
        }
        if (dbl >= 0 && total > 7) {
            throw new IllegalArgumentException("invalid IPv6 address '" + text + "': too many groups for '::'");
        }
        int[] words = new int[8];
        System.arraycopy(headWords, 0, words, 0, nHead);
        System.arraycopy(tailWords, 0, words, 8 - nTail, nTail);
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (words[i] >>> 8);
            out[2 * i + 1] = (byte) words[i];
        }
        return fromBytes(out);
    }

    /** Parses colon-separated groups; an IPv4 dotted quad may end the last part and counts as two. */
    private static int groups(String whole, String part, int[] words, boolean mayEndWithV4) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] gs = part.split(":", -1);
        int n = 0;
        for (int i = 0; i < gs.length; i++) {
            String g = gs[i];
            if (i == gs.length - 1 && g.indexOf('.') >= 0 && mayEndWithV4) {
                byte[] v4 = new byte[4];
                String problem = parseV4Into(g, v4, 0);
                if (problem != null) {
                    throw new IllegalArgumentException("invalid IPv6 address '" + whole + "': embedded IPv4 " + problem);
                }
                if (n + 2 > 8) {
                    throw new IllegalArgumentException("invalid IPv6 address '" + whole + "': too many groups");
                }
                words[n++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                words[n++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                continue;
            }
            if (g.isEmpty() || g.length() > 4) {
                throw new IllegalArgumentException("invalid IPv6 address '" + whole + "': group '" + g
                        + "' must be 1 to 4 hex digits");
            }
            int v = 0;
            for (int k = 0; k < g.length(); k++) {
                int d = Character.digit(g.charAt(k), 16);
                if (d < 0) {
                    throw new IllegalArgumentException("invalid IPv6 address '" + whole + "': group '" + g
                            + "' is not hexadecimal");
                }
                v = (v << 4) | d;
            }
            if (n >= 8) {
                throw new IllegalArgumentException("invalid IPv6 address '" + whole + "': more than 8 groups");
            }
            words[n++] = v;
        }
        return n;
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

    /**
     * Dotted quad, or IPv6 as glibc's {@code inet_ntop} prints it (what {@code wg show} shows): lower
     * case, the longest run of 2+ zero groups as "::" (the first on ties), and the last 32 bits dotted
     * for IPv4-mapped ({@code ::ffff:192.0.2.1}) and IPv4-compatible ({@code ::192.0.2.1}) addresses.
     */
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
        if (bestStart == 0 && (bestLen == 6 || (bestLen == 5 && g[5] == 0xFFFF))) {
            int b = (int) lo;
            return (bestLen == 6 ? "::" : "::ffff:") + ((b >>> 24) & 0xFF) + "." + ((b >>> 16) & 0xFF) + "."
                    + ((b >>> 8) & 0xFF) + "." + (b & 0xFF);
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

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    private static long readLong(byte[] b, int off) {
        return ((long) readInt(b, off) << 32) | (readInt(b, off + 4) & 0xFFFF_FFFFL);
    }

    private static void writeInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void writeLong(byte[] b, int off, long v) {
        writeInt(b, off, (int) (v >>> 32));
        writeInt(b, off + 4, (int) v);
    }
}
