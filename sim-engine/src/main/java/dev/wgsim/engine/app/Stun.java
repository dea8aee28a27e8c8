package dev.wgsim.engine.app;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.net.IpAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * STUN Binding messages in their real wire format (RFC 8489, which obsoletes RFC 5389): a 20-byte
 * header (type, length, magic cookie 0x2112A442, 96-bit transaction id) and TLV attributes padded
 * to 4 bytes; the reflexive address travels as XOR-MAPPED-ADDRESS, FINGERPRINT (CRC-32 xor
 * 0x5354554E) guards against other protocols on the same port, MESSAGE-INTEGRITY is HMAC-SHA1.
 * Parsing never throws: it returns a message or the reason it is not one.
 */
public final class Stun {
    public static final int PORT = 3478;
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER = 20;
    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_SUCCESS = 0x0101;
    public static final int BINDING_ERROR = 0x0111;
    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;
    private static final int FINGERPRINT_XOR = 0x5354554E;

    private Stun() {
    }

    /**
     * A parsed message. {@code mapped} is XOR-MAPPED-ADDRESS (or the classic MAPPED-ADDRESS when only
     * that is present), null if neither; {@code fingerprint} is whether a FINGERPRINT was present (a
     * wrong one fails parsing); {@code integrityAt} the offset of MESSAGE-INTEGRITY or -1.
     */
    public record Message(int type, byte[] transactionId, Endpoint mapped, String software, boolean fingerprint,
            int integrityAt, byte[] raw) {
        public boolean isRequest() {
            return type == BINDING_REQUEST;
        }

        public boolean isSuccess() {
            return type == BINDING_SUCCESS;
        }
    }

    /** A message, or why the bytes are not one ({@code not_stun}, {@code malformed}, {@code bad_fingerprint}). */
    public record Parsed(Message message, String dropReason) {
        public boolean ok() {
            return message != null;
        }
    }

    /** RFC 8489 section 5: the two top bits are zero and the cookie is in place (cheap demultiplexing test). */
    public static boolean looksLikeStun(byte[] b) {
        return b != null && b.length >= HEADER && (b[0] & 0xC0) == 0 && readInt(b, 4) == MAGIC_COOKIE;
    }

    /** A Binding request with a FINGERPRINT (what Tailscale's netcheck sends, minus its SOFTWARE). */
    public static byte[] bindingRequest(byte[] transactionId) {
        return withFingerprint(header(BINDING_REQUEST, transactionId, 8));
    }

    /** A Binding success response carrying {@code reflexive} as XOR-MAPPED-ADDRESS, with a FINGERPRINT. */
    public static byte[] bindingResponse(byte[] transactionId, Endpoint reflexive) {
        boolean v6 = reflexive.address().isV6();
        int valueLength = v6 ? 20 : 8;
        byte[] m = header(BINDING_SUCCESS, transactionId, 4 + valueLength + 8);
        put16(m, HEADER, XOR_MAPPED_ADDRESS);
        put16(m, HEADER + 2, valueLength);
        m[HEADER + 5] = (byte) (v6 ? 2 : 1);
        put16(m, HEADER + 6, reflexive.port() ^ (MAGIC_COOKIE >>> 16));
        byte[] addr = reflexive.address().toBytes();
        for (int i = 0; i < addr.length; i++) {
            m[HEADER + 8 + i] = (byte) (addr[i] ^ m[4 + i]); // cookie, then the transaction id (IPv6)
        }
        return withFingerprint(m);
    }

    private static byte[] header(int type, byte[] transactionId, int attributesLength) {
        if (transactionId == null || transactionId.length != 12) {
            throw new IllegalArgumentException("a STUN transaction id is 12 bytes");
        }
        byte[] m = new byte[HEADER + attributesLength];
        put16(m, 0, type);
        put16(m, 2, attributesLength);
        writeInt(m, 4, MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, m, 8, 12);
        return m;
    }

    /** Fills the last 8 bytes of {@code m} with a FINGERPRINT attribute over everything before it. */
    private static byte[] withFingerprint(byte[] m) {
        int at = m.length - 8;
        put16(m, at, FINGERPRINT);
        put16(m, at + 2, 4);
        writeInt(m, at + 4, crc32(m, 0, at) ^ FINGERPRINT_XOR);
        return m;
    }

    private static int crc32(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    /** Parses a STUN message; never throws. */
    public static Parsed parse(byte[] b) {
        if (!looksLikeStun(b)) {
            return new Parsed(null, "not_stun");
        }
        int length = read16(b, 2);
        if ((length & 3) != 0 || HEADER + length != b.length) {
            return new Parsed(null, "malformed");
        }
        int type = read16(b, 0);
        byte[] txid = Arrays.copyOfRange(b, 8, 20);
        Endpoint xorMapped = null;
        Endpoint mapped = null;
        String software = null;
        boolean fingerprint = false;
        int integrityAt = -1;
        int i = HEADER;
        while (i < b.length) {
            if (i + 4 > b.length || fingerprint) {
                return new Parsed(null, "malformed"); // nothing may follow FINGERPRINT
            }
            int attr = read16(b, i);
            int len = read16(b, i + 2);
            int value = i + 4;
            int next = value + ((len + 3) & ~3);
            if (next > b.length) {
                return new Parsed(null, "malformed");
            }
            switch (attr) {
                case XOR_MAPPED_ADDRESS, MAPPED_ADDRESS -> {
                    Endpoint e = address(b, value, len, attr == XOR_MAPPED_ADDRESS);
                    if (e == null) {
                        return new Parsed(null, "malformed");
                    }
                    if (attr == XOR_MAPPED_ADDRESS) {
                        xorMapped = e;
                    } else {
                        mapped = e;
                    }
                }
                case SOFTWARE -> software = new String(b, value, len, StandardCharsets.UTF_8);
                case MESSAGE_INTEGRITY -> {
                    if (len != 20) {
                        return new Parsed(null, "malformed");
                    }
                    integrityAt = i;
                }
                case FINGERPRINT -> {
                    if (len != 4) {
                        return new Parsed(null, "malformed");
                    }
                    if ((crc32(b, 0, i) ^ FINGERPRINT_XOR) != readInt(b, value)) {
                        return new Parsed(null, "bad_fingerprint");
                    }
                    fingerprint = true;
                }
                default -> {
                    // unknown comprehension-optional attributes are ignored; comprehension-required
                    // ones (below 0x8000) would earn a 420 error from a full agent: we ignore them too
                }
            }
            i = next;
        }
        return new Parsed(new Message(type, txid, xorMapped != null ? xorMapped : mapped, software, fingerprint,
                integrityAt, b), null);
    }

    private static Endpoint address(byte[] b, int off, int len, boolean xor) {
        if (len < 4) {
            return null;
        }
        int family = b[off + 1] & 0xFF;
        int addrLen = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (addrLen < 0 || len != 4 + addrLen) {
            return null;
        }
        int port = read16(b, off + 2) ^ (xor ? MAGIC_COOKIE >>> 16 : 0);
        byte[] a = Arrays.copyOfRange(b, off + 4, off + 4 + addrLen);
        if (xor) {
            for (int k = 0; k < addrLen; k++) {
                a[k] ^= b[4 + k];
            }
        }
        return new Endpoint(IpAddress.fromBytes(a), port);
    }

    /**
     * Checks MESSAGE-INTEGRITY (RFC 8489 section 14.5): HMAC-SHA1 keyed with {@code key} (the password
     * for short-term credentials) over the message up to the attribute, with the header's length
     * covering the attribute. False when there is none or it does not match.
     */
    public static boolean integrityValid(Message m, byte[] key) {
        if (m.integrityAt() < 0) {
            return false;
        }
        byte[] covered = Arrays.copyOf(m.raw(), m.integrityAt());
        put16(covered, 2, m.integrityAt() + 24 - HEADER);
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA1"));
            byte[] expect = mac.doFinal(covered);
            byte[] got = Arrays.copyOfRange(m.raw(), m.integrityAt() + 4, m.integrityAt() + 24);
            return java.security.MessageDigest.isEqual(expect, got);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    private static int read16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void writeInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
