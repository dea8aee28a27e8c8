package dev.wgsim.wg.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/** Shared plumbing of the 32-byte key values: parsing, copying and constant-time comparison. */
final class KeyBytes {
    static final int LENGTH = 32;

    private KeyBytes() {}

    static byte[] checked(byte[] bytes, String what) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException(what + " must be 32 bytes, got "
                    + (bytes == null ? "null" : bytes.length));
        }
        return bytes.clone();
    }

    /** Decodes standard base64 of exactly 32 bytes, as wg(8) prints keys. */
    static byte[] fromBase64(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + ": missing");
        }
        byte[] b;
        try {
            b = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": not base64: " + e.getMessage());
        }
        if (b.length != LENGTH) {
            throw new IllegalArgumentException(what + ": must decode to 32 bytes, got " + b.length);
        }
        return b;
    }

    static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    static int hash(byte[] b) {
        return Arrays.hashCode(b);
    }

    static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
