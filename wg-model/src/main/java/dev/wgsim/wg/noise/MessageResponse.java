package dev.wgsim.wg.noise;

/** Handshake response, type 2, exactly 92 bytes. */
public final class MessageResponse {
    public static final int SIZE = MessageType.RESPONSE_SIZE;
    static final int OFF_SENDER = 4;
    static final int OFF_RECEIVER = 8;
    static final int OFF_EPHEMERAL = 12;
    static final int OFF_EMPTY = 44;
    public static final int OFF_MAC1 = 60;
    public static final int OFF_MAC2 = 76;

    private final byte[] bytes;

    MessageResponse(byte[] bytes) {
        this.bytes = bytes;
    }

    public static MessageResponse decode(byte[] d, int off, int len) {
        if (len != SIZE || MessageType.typeOf(d, off, len) != MessageType.RESPONSE) {
            return null;
        }
        return new MessageResponse(Bytes.slice(d, off, len));
    }

    static MessageResponse blank() {
        byte[] b = new byte[SIZE];
        b[0] = MessageType.RESPONSE;
        return new MessageResponse(b);
    }

    public int sender() {
        return Bytes.le32(bytes, OFF_SENDER);
    }

    public int receiver() {
        return Bytes.le32(bytes, OFF_RECEIVER);
    }

    public byte[] bytes() {
        return bytes;
    }
}
