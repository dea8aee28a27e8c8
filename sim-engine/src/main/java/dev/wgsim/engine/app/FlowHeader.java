package dev.wgsim.engine.app;

/**
 * The 20-byte header every application datagram starts with, so a sink can attribute it to a flow and
 * measure one-way latency: flow id (4 bytes), sequence number (8), send time in virtual ns (8), all
 * big-endian. The rest of the payload is zero filler up to the configured size.
 */
public final class FlowHeader {
    public static final int LENGTH = 20;

    private FlowHeader() {
    }

    /** A payload of {@code size} bytes (at least {@link #LENGTH}) carrying the header. */
    public static byte[] payload(int size, int flowId, long sequence, long sendNanos) {
        byte[] b = new byte[size];
        putInt(b, 0, flowId);
        putLong(b, 4, sequence);
        putLong(b, 12, sendNanos);
        return b;
    }

    public static int flowId(byte[] b) {
        return getInt(b, 0);
    }

    public static long sequence(byte[] b) {
        return getLong(b, 4);
    }

    public static long sendNanos(byte[] b) {
        return getLong(b, 12);
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }

    static int getInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    static long getLong(byte[] b, int off) {
        return ((long) getInt(b, off) << 32) | (getInt(b, off + 4) & 0xFFFF_FFFFL);
    }
}
