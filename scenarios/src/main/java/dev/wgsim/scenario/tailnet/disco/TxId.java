package dev.wgsim.scenario.tailnet.disco;

/** A ping's 12-byte random transaction id, held as a value (first 8 bytes, last 4). */
public record TxId(long high, int low) {
    public static final int LENGTH = 12;

    public static TxId read(byte[] b, int off) {
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = h << 8 | (b[off + i] & 0xff);
        }
        int l = 0;
        for (int i = 8; i < 12; i++) {
            l = l << 8 | (b[off + i] & 0xff);
        }
        return new TxId(h, l);
    }

    public static TxId of(byte[] twelve) {
        if (twelve.length != LENGTH) {
            throw new IllegalArgumentException("a disco TxID has 12 bytes, not " + twelve.length);
        }
        return read(twelve, 0);
    }

    void write(byte[] b, int off) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (high >>> (56 - 8 * i));
        }
        for (int i = 0; i < 4; i++) {
            b[off + 8 + i] = (byte) (low >>> (24 - 8 * i));
        }
    }

    @Override
    public String toString() {
        return String.format("%016x%08x", high, low);
    }
}
