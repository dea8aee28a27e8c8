package dev.wgsim.wg.noise;

import dev.wgsim.wg.crypto.Blake2s;
import dev.wgsim.wg.crypto.ChaChaPoly;
import dev.wgsim.wg.crypto.Entropy;
import dev.wgsim.wg.crypto.PublicKey;
import java.security.MessageDigest;

/**
 * The receiving side of mac1/mac2 on a node ("M", §4.2): verifies mac1 with our own public key,
 * verifies mac2 against the cookie for the datagram's source, and builds cookie replies. The
 * cookie secret is replaced lazily when older than {@code COOKIE_REFRESH_TIME}; time passed in.
 */
public final class CookieChecker {
    public static final long COOKIE_REFRESH_NANOS = 120_000_000_000L;

    private final byte[] mac1Key;
    private final byte[] cookieKey;
    private final long refreshNanos;
    private final byte[] secret = new byte[32];
    private boolean secretValid;
    private long secretSetNanos;

    public CookieChecker(PublicKey local) {
        this(local, COOKIE_REFRESH_NANOS);
    }

    public CookieChecker(PublicKey local, long refreshNanos) {
        this.mac1Key = NoiseConstants.mac1Key(local.bytes());
        this.cookieKey = NoiseConstants.cookieKey(local.bytes());
        this.refreshNanos = refreshNanos;
    }

    /** mac1 over everything before it; {@code len} is 148 or 92 and the macs sit in the last 32 bytes. */
    public boolean checkMac1(byte[] msg, int off, int len) {
        int macOff = len - 32;
        byte[] expect = Blake2s.mac(mac1Key, msg, off, macOff);
        return MessageDigest.isEqual(expect, java.util.Arrays.copyOfRange(msg, off + macOff, off + macOff + 16));
    }

    /** mac2 against the cookie this node would give {@code srcAddress:srcPort} now. */
    public boolean checkMac2(byte[] msg, int off, int len, byte[] srcAddress, int srcPort, long nowNanos) {
        if (!secretValid || nowNanos - secretSetNanos > refreshNanos) {
            return false;
        }
        byte[] cookie = cookieFor(srcAddress, srcPort);
        int macOff = len - 16;
        byte[] expect = Blake2s.mac(cookie, msg, off, macOff);
        return MessageDigest.isEqual(expect, java.util.Arrays.copyOfRange(msg, off + macOff, off + macOff + 16));
    }

    /**
     * A 64-byte cookie reply to the initiation/response {@code msg} (its sender index becomes the
     * receiver; its mac1 the AAD). Rotates the secret first when it has expired.
     */
    public byte[] createReply(byte[] msg, int off, int len, byte[] srcAddress, int srcPort, long nowNanos,
                              Entropy entropy) {
        if (!secretValid || nowNanos - secretSetNanos > refreshNanos) {
            entropy.nextBytes(secret);
            secretValid = true;
            secretSetNanos = nowNanos;
        }
        byte[] cookie = cookieFor(srcAddress, srcPort);
        byte[] reply = new byte[MessageCookieReply.SIZE];
        reply[0] = MessageType.COOKIE_REPLY;
        Bytes.putLe32(reply, MessageCookieReply.OFF_RECEIVER, Bytes.le32(msg, off + 4));
        byte[] nonce = new byte[24];
        entropy.nextBytes(nonce);
        System.arraycopy(nonce, 0, reply, MessageCookieReply.OFF_NONCE, 24);
        byte[] mac1 = java.util.Arrays.copyOfRange(msg, off + len - 32, off + len - 16);
        ChaChaPoly.xseal(cookieKey, nonce, cookie, 0, 16, mac1, reply, MessageCookieReply.OFF_COOKIE);
        return reply;
    }

    /** Tests: install a known secret (§9.5). */
    void setSecret(byte[] value, long nowNanos) {
        System.arraycopy(value, 0, secret, 0, 32);
        secretValid = true;
        secretSetNanos = nowNanos;
    }

    /** MAC(Rm, IP || BE16 port): network byte order for the port, the kernel's convention. */
    byte[] cookieFor(byte[] srcAddress, int srcPort) {
        byte[] a = new byte[srcAddress.length + 2];
        System.arraycopy(srcAddress, 0, a, 0, srcAddress.length);
        a[srcAddress.length] = (byte) (srcPort >>> 8);
        a[srcAddress.length + 1] = (byte) srcPort;
        return Blake2s.mac(secret, a, 0, a.length);
    }
}
