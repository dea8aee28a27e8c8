package dev.wgsim.scenario.net;

import java.util.Locale;

/**
 * An IPv4 or IPv6 address as two 64-bit halves (IPv4 lives in the low 32 bits of {@code lo}),
 * which makes equality, ordering and pool arithmetic cheap.
 */
public record IpAddr(boolean v6, long hi, long lo) implements Comparable<IpAddr> {
    public IpAddr {
        if (!v6 && (hi != 0 || (lo >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 address out of range");
        }
    }

    public int bits() {
        return v6 ? 128 : 32;
    }

    /**
     * Parses a literal address. Errors use the {@code reason|fix} message form.
     */
    public static IpAddr parse(String text) {
        String s = text.trim();
        if (s.indexOf(':') >= 0) {
            return parseV6(s, text);
        }
        long v = parseV4(s, text);
        return new IpAddr(false, 0, v);
    }

    /** From network-order bytes (4 or 16). */
    public static IpAddr fromBytes(byte[] b) {
        if (b.length == 4) {
            return new IpAddr(false, 0, ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL));
        }
        if (b.length != 16) {
            throw new IllegalArgumentException("an address is 4 or 16 bytes, got " + b.length);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return new IpAddr(true, hi, lo);
    }

    private static long parseV4(String s, String original) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw bad(original);
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || (p.length() > 1 && p.charAt(0) == '0')) {
                throw bad(original);
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw bad(original);
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    private static IpAddr parseV6(String s, String original) {
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            throw bad(original);
        }
        String head = dc >= 0 ? s.substring(0, dc) : s;
        String tail = dc >= 0 ? s.substring(dc + 2) : "";
        int[] headGroups = groups(head, original, dc < 0);
        int[] tailGroups = groups(tail, original, true);
        int total = headGroups.length + tailGroups.length;
        if ((dc < 0 && total != 8) || (dc >= 0 && total > 7)) {
            throw bad(original);
        }
        int[] g = new int[8];
        System.arraycopy(headGroups, 0, g, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, g, 8 - tailGroups.length, tailGroups.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | g[i];
            lo = (lo << 16) | g[i + 4];
        }
        return new IpAddr(true, hi, lo);
    }

    private static int[] groups(String part, String original, boolean allowV4Tail) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] parts = part.split(":", -1);
        boolean v4Tail = allowV4Tail && parts[parts.length - 1].contains(".");
        int n = parts.length + (v4Tail ? 1 : 0);
        int[] out = new int[n];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (v4Tail && i == parts.length - 1) {
                long v4 = parseV4(p, original);
                out[i] = (int) (v4 >>> 16);
                out[i + 1] = (int) (v4 & 0xffff);
                break;
            }
            if (p.isEmpty() || p.length() > 4) {
                throw bad(original);
            }
            try {
                out[i] = Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw bad(original);
            }
        }
        return out;
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + text + "' is not an IP address|Write an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1.");
    }

    /** This address plus an offset (for address pools); overflow past the family's range is an error. */
    public IpAddr plus(long offset) {
        if (!v6) {
            long v = lo + offset;
            if (v < 0 || v > 0xffffffffL) {
                throw new IllegalArgumentException("address overflow");
            }
            return new IpAddr(false, 0, v);
        }
        long newLo = lo + offset;
        long carry = Long.compareUnsigned(newLo, lo) < 0 ? 1 : 0;
        return new IpAddr(true, hi + carry, newLo);
    }

    @Override
    public int compareTo(IpAddr o) {
        if (v6 != o.v6) {
            return v6 ? 1 : -1;
        }
        int c = Long.compareUnsigned(hi, o.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
    }

    /** Canonical text: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run compressed). */
    @Override
    public String toString() {
        if (!v6) {
            return ((lo >>> 24) & 255) + "." + ((lo >>> 16) & 255) + "." + ((lo >>> 8) & 255) + "." + (lo & 255);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xffff);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xffff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
