package dev.wgsim.engine.stream;

/**
 * A TCP segment's header after the ports (RFC 9293 section 3.1) and its data, as carried in
 * {@code IpPacket.tcp}'s segment bytes. Sequence and acknowledgment numbers are the 32-bit wire
 * values as unsigned longs. A SYN carries the MSS option (kind 2, length 4).
 */
record TcpSegment(long seq, long ack, int flags, int window, int mss, byte[] data) {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    /** Bytes of header in the segment array: 20 minus the two ports. */
    static final int HEADER = 16;

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Sequence space the segment occupies: data, plus one each for SYN and FIN. */
    long length() {
        return data.length + (has(SYN) ? 1 : 0) + (has(FIN) ? 1 : 0);
    }

    byte[] encode() {
        int options = mss > 0 ? 4 : 0;
        byte[] out = new byte[HEADER + options + data.length];
        put32(out, 0, seq);
        put32(out, 4, ack);
        out[8] = (byte) (((20 + options) / 4) << 4);
        out[9] = (byte) flags;
        out[10] = (byte) (window >>> 8);
        out[11] = (byte) window;
        // 12..13 checksum (IpPacket fills it), 14..15 urgent pointer: 0
        if (options > 0) {
            out[16] = 2;
            out[17] = 4;
            out[18] = (byte) (mss >>> 8);
            out[19] = (byte) mss;
        }
        System.arraycopy(data, 0, out, HEADER + options, data.length);
        return out;
    }

    /** Parses segment bytes; null when the header or its options do not parse (the caller counts the drop). */
    static TcpSegment decode(byte[] b) {
        if (b == null || b.length < HEADER) {
            return null;
        }
        int headerLength = ((b[8] & 0xFF) >>> 4) * 4 - 4;
        if (headerLength < HEADER || headerLength > b.length) {
            return null;
        }
        int mss = 0;
        int i = HEADER;
        while (i < headerLength) {
            int kind = b[i] & 0xFF;
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                i++;
                continue;
            }
            if (i + 1 >= headerLength) {
                return null;
            }
            int len = b[i + 1] & 0xFF;
            if (len < 2 || i + len > headerLength) {
                return null;
            }
            if (kind == 2) {
                if (len != 4) {
                    return null;
                }
                mss = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            }
            i += len;
        }
        byte[] data = java.util.Arrays.copyOfRange(b, headerLength, b.length);
        int window = ((b[10] & 0xFF) << 8) | (b[11] & 0xFF);
        return new TcpSegment(get32(b, 0), get32(b, 4), b[9] & 0x3F, window, mss, data);
    }

    private static void put32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static long get32(byte[] b, int off) {
        return ((b[off] & 0xFFL) << 24) | ((b[off + 1] & 0xFFL) << 16) | ((b[off + 2] & 0xFFL) << 8) | (b[off + 3] & 0xFFL);
    }
}
