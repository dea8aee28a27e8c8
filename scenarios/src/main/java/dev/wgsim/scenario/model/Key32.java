package dev.wgsim.scenario.model;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * A second type on purpose: a scenario's private key as written, without wg-model's
 * {@code PrivateKey}, whose constructor clamps and computes the public key (an X25519
 * multiplication: {@code wgsim check} of 100,000 nodes must not pay 100,000 of them). Peers' public
 * and preshared keys are wg-model's types ({@link PeerSpec}); {@link #parseBase64} words key errors
 * for the scenario's author ({@code reason|fix}). Equality is constant-time; {@code toString} never
 * prints the bytes.
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
