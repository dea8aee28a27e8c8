package dev.wgsim.wg.noise;

/** Cookie reply, type 3, exactly 64 bytes: receiver index, 24-byte nonce, encrypted cookie. */
public final class MessageCookieReply {
    public static final int SIZE = MessageType.COOKIE_REPLY_SIZE;
    static final int OFF_RECEIVER = 4;
    static final int OFF_NONCE = 8;
    static final int OFF_COOKIE = 32;

    private final byte[] bytes;

    MessageCookieReply(byte[] bytes) {
        this.bytes = bytes;
    }

    public static MessageCookieReply decode(byte[] d, int off, int len) {
        if (len != SIZE || MessageType.typeOf(d, off, len) != MessageType.COOKIE_REPLY) {
            return null;
        }
        return new MessageCookieReply(Bytes.slice(d, off, len));
    }

    public int receiver() {
        return Bytes.le32(bytes, OFF_RECEIVER);
    }

    public byte[] bytes() {
        return bytes;
    }
}
