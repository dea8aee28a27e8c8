package dev.wgsim.wg.noise;

/**
 * Transport data, type 4: 16-byte header (type, receiver index, LE64 counter) then ciphertext and
 * tag. Static accessors work in place on the datagram so the data path allocates nothing.
 */
public final class MessageTransport {
    public static final int HEADER_SIZE = MessageType.TRANSPORT_HEADER_SIZE;
    public static final int MIN_SIZE = MessageType.TRANSPORT_MIN_SIZE;
    static final int OFF_RECEIVER = 4;
    static final int OFF_COUNTER = 8;

    private MessageTransport() {}

    /** True when the datagram has the transport type and at least header + tag. */
    public static boolean isWellFormed(byte[] d, int off, int len) {
        return len >= MIN_SIZE && MessageType.typeOf(d, off, len) == MessageType.TRANSPORT;
    }

    public static int receiver(byte[] d, int off) {
        return Bytes.le32(d, off + OFF_RECEIVER);
    }

    public static long counter(byte[] d, int off) {
        return Bytes.le64(d, off + OFF_COUNTER);
    }

    public static void writeHeader(byte[] d, int off, int receiver, long counter) {
        Bytes.putLe32(d, off, MessageType.TRANSPORT);
        Bytes.putLe32(d, off + OFF_RECEIVER, receiver);
        Bytes.putLe64(d, off + OFF_COUNTER, counter);
    }
}
