package dev.wgsim.scenario.model;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * A 32-byte WireGuard key (private, public or preshared) as written in a scenario. Equality is
 * constant-time; {@code toString} never prints the bytes, since this may be a private key. Not yet
 * wg-model's {@code PrivateKey}/{@code PublicKey}/{@code PresharedKey}: its parse errors are worded
 * for the scenario's author ({@code reason|fix}), and the model hands the bytes to those types.
 */
public record Key32(byte[] bytes) {
    public Key32 {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a key is 32 bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** Decodes standard base64 (44 characters with one '='); errors use the {@code reason|fix} form. */
    public static Key32 parseBase64(String text) {
        byte[] b;
        try {
            b = Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + abbreviate(text) + "' is not valid base64|Paste the key exactly as "
                    + "'wg genkey' or 'wg pubkey' prints it (44 characters ending in '=').");
        }
        if (b.length != 32) {
            throw new IllegalArgumentException("key decodes to " + b.length + " bytes, not 32|Paste the key exactly as "
                    + "'wg genkey' or 'wg pubkey' prints it (44 characters ending in '=').");
        }
        return new Key32(b);
    }

    private static String abbreviate(String s) {
        return s.length() <= 12 ? s : s.substring(0, 8) + "...";
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key32 k && MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Key32[32 bytes]";
    }
}
