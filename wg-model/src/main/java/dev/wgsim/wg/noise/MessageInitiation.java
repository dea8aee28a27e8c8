package dev.wgsim.wg.noise;

/**
 * Handshake initiation, type 1, exactly 148 bytes. Holds the wire bytes; field accessors read
 * them. {@link #decode} never throws on hostile input.
 */
public final class MessageInitiation {
    public static final int SIZE = MessageType.INITIATION_SIZE;
    static final int OFF_SENDER = 4;
    static final int OFF_EPHEMERAL = 8;
    static final int OFF_STATIC = 40;
    static final int OFF_TIMESTAMP = 88;
    public static final int OFF_MAC1 = 116;
    public static final int OFF_MAC2 = 132;

    private final byte[] bytes;

    MessageInitiation(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of the datagram when it has the right size and type; otherwise null. */
    public static MessageInitiation decode(byte[] d, int off, int len) {
        if (len != SIZE || MessageType.typeOf(d, off, len) != MessageType.INITIATION) {
            return null;
        }
        return new MessageInitiation(Bytes.slice(d, off, len));
    }

    static MessageInitiation blank() {
        byte[] b = new byte[SIZE];
        b[0] = MessageType.INITIATION;
        return new MessageInitiation(b);
    }

    public int sender() {
        return Bytes.le32(bytes, OFF_SENDER);
    }

    /** The wire bytes (not a copy: the device transmits them as they are). */
    public byte[] bytes() {
        return bytes;
    }
}
