package dev.wgsim.engine.stream;

/** How messages are cut out of a stream's bytes. */
public interface Framing {
    /** Returned by {@link #frameLength} when the bytes at hand cannot start a valid frame. */
    int INVALID = -2;
    /** Returned by {@link #frameLength} when more bytes are needed. */
    int INCOMPLETE = -1;

    /** The bytes to write for {@code message}. */
    byte[] wrap(byte[] message);

    /** The length of the frame starting at {@code off}, or {@link #INCOMPLETE} or {@link #INVALID}. */
    int frameLength(byte[] buf, int off, int available);

    /** The message a whole frame carries. */
    byte[] unwrap(byte[] frame);

    /** A 4-byte big-endian length before each message; messages up to {@code max} bytes. */
    static Framing lengthPrefixed(int max) {
        return new Framing() {
            @Override
            public byte[] wrap(byte[] message) {
                if (message.length > max) {
                    throw new IllegalArgumentException("message of " + message.length + " bytes over the " + max + "-byte limit");
                }
                byte[] out = new byte[4 + message.length];
                out[0] = (byte) (message.length >>> 24);
                out[1] = (byte) (message.length >>> 16);
                out[2] = (byte) (message.length >>> 8);
                out[3] = (byte) message.length;
                System.arraycopy(message, 0, out, 4, message.length);
                return out;
            }

            @Override
            public int frameLength(byte[] buf, int off, int available) {
                if (available < 4) {
                    return INCOMPLETE;
                }
                long n = ((buf[off] & 0xFFL) << 24) | ((buf[off + 1] & 0xFF) << 16) | ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
                return n > max ? INVALID : (int) n + 4;
            }

            @Override
            public byte[] unwrap(byte[] frame) {
                return java.util.Arrays.copyOfRange(frame, 4, frame.length);
            }
        };
    }
}
