package dev.wgsim.wg.crypto;

/** Hex helpers for known-answer tests. */
public final class Hex {
    private Hex() {}

    public static byte[] decode(String s) {
        s = s.replaceAll("[\\s·]", "");
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    public static String encode(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }

    public static String encode(byte[] b, int off, int len) {
        return encode(java.util.Arrays.copyOfRange(b, off, off + len));
    }

    /** Bytes from..to inclusive, e.g. range(0x80, 0x9f). */
    public static byte[] range(int from, int to) {
        byte[] b = new byte[to - from + 1];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }
}
