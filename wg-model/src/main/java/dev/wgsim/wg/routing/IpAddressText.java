package dev.wgsim.wg.routing;

/**
 * IPv4/IPv6 address literals to bytes and back, without ever touching DNS (which
 * {@code InetAddress.getByName} may do). Output matches glibc's {@code inet_ntop}, i.e. what
 * {@code wg show} prints: lowercase hex, the longest run (of two or more) zero groups compressed
 * to {@code ::}, the first one on ties, and {@code ::ffff:a.b.c.d} for IPv4-mapped addresses.
 */
public final class IpAddressText {

    private IpAddressText() {
    }

    /**
     * Parses a dotted-quad IPv4 or an IPv6 literal (no brackets, no zone).
     *
     * @return 4 or 16 bytes
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static byte[] parse(String text) {
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
        return v4;
    }

    /** True if {@code text} is an IPv4 or IPv6 literal that {@link #parse} accepts. */
    public static boolean isLiteral(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Formats 4 or 16 bytes the way {@code inet_ntop} does. */
    public static String format(byte[] address) {
        if (address.length == 4) {
            return formatV4(address, 0);
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, got " + address.length);
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
                if (curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
            } else {
                curBase = -1;
            }
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder(41);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            // glibc's special case: IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d).
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                sb.append(formatV4(address, 12));
                return sb.toString();
            }
            sb.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    private static String formatV4(byte[] a, int off) {
        return (a[off] & 0xff) + "." + (a[off + 1] & 0xff) + "." + (a[off + 2] & 0xff) + "." + (a[off + 3] & 0xff);
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

    private static byte[] parseV6(String text) {
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
        return out;
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
}
