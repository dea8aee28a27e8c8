package dev.wgsim.wg.noise;

import dev.wgsim.wg.crypto.Blake2s;
import dev.wgsim.wg.crypto.ChaChaPoly;
import dev.wgsim.wg.crypto.PublicKey;

/**
 * The sending side of mac1/mac2 towards one peer: adds mac1 (keyed with the peer's public key)
 * and, while a cookie from that peer is fresh, mac2; remembers the last mac1 sent so it can open
 * the peer's cookie reply.
 */
public final class CookieGenerator {
    private final byte[] mac1Key;
    private final byte[] cookieKey;
    private final long cookieLifetimeNanos;
    private final byte[] cookie = new byte[16];
    private boolean hasCookie;
    private long cookieSetNanos;
    private final byte[] lastMac1 = new byte[16];
    private boolean hasLastMac1;

    public CookieGenerator(PublicKey peer) {
        this(peer, CookieChecker.COOKIE_REFRESH_NANOS);
    }

    public CookieGenerator(PublicKey peer, long cookieLifetimeNanos) {
        this.mac1Key = NoiseConstants.mac1Key(peer.bytes());
        this.cookieKey = NoiseConstants.cookieKey(peer.bytes());
        this.cookieLifetimeNanos = cookieLifetimeNanos;
    }

    /** Fills mac1 and mac2 of a 148- or 92-byte message in place. */
    public void addMacs(byte[] msg, long nowNanos) {
        int len = msg.length;
        byte[] mac1 = Blake2s.mac(mac1Key, msg, 0, len - 32);
        System.arraycopy(mac1, 0, msg, len - 32, 16);
        System.arraycopy(mac1, 0, lastMac1, 0, 16);
        hasLastMac1 = true;
        if (hasCookie && nowNanos - cookieSetNanos < cookieLifetimeNanos) {
            byte[] mac2 = Blake2s.mac(cookie, msg, 0, len - 16);
            System.arraycopy(mac2, 0, msg, len - 16, 16);
        } else {
            java.util.Arrays.fill(msg, len - 16, len, (byte) 0);
        }
    }

    /** Opens a cookie reply with the last mac1 as AAD; stores the cookie on success. */
    public boolean consumeReply(MessageCookieReply reply, long nowNanos) {
        if (!hasLastMac1) {
            return false;
        }
        byte[] r = reply.bytes();
        byte[] nonce = java.util.Arrays.copyOfRange(r, MessageCookieReply.OFF_NONCE, MessageCookieReply.OFF_NONCE + 24);
        byte[] out = new byte[16];
        if (!ChaChaPoly.xopen(cookieKey, nonce, r, MessageCookieReply.OFF_COOKIE, 32, lastMac1, out, 0)) {
            return false;
        }
        System.arraycopy(out, 0, cookie, 0, 16);
        hasCookie = true;
        cookieSetNanos = nowNanos;
        return true;
    }

    public boolean hasFreshCookie(long nowNanos) {
        return hasCookie && nowNanos - cookieSetNanos < cookieLifetimeNanos;
    }
}
