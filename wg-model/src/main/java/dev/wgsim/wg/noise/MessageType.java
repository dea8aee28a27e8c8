package dev.wgsim.wg.noise;

/** The four message types and their exact sizes; reads the LE32 type field of a datagram. */
public final class MessageType {
    public static final int INITIATION = 1;
    public static final int RESPONSE = 2;
    public static final int COOKIE_REPLY = 3;
    public static final int TRANSPORT = 4;

    public static final int INITIATION_SIZE = 148;
    public static final int RESPONSE_SIZE = 92;
    public static final int COOKIE_REPLY_SIZE = 64;
    public static final int TRANSPORT_HEADER_SIZE = 16;
    public static final int TRANSPORT_MIN_SIZE = TRANSPORT_HEADER_SIZE + 16;

    private MessageType() {}

    /**
     * The LE32 type, or -1 when shorter than 4 bytes. Non-zero reserved bytes give a large value
     * that matches no type, as in both implementations.
     */
    public static long typeOf(byte[] d, int off, int len) {
        if (len < 4) {
            return -1;
        }
        return Bytes.le32(d, off) & 0xFFFFFFFFL;
    }
}
