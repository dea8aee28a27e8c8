package dev.wgsim.scenario.parse;

import dev.wgsim.scenario.model.Key32;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Private keys for nodes whose file gives none: SHA-256 over (seed, label), clamped as X25519
 * clamps scalars. Same seed and name, same key; adding a node changes no other node's key.
 */
public final class KeyDerivation {
    private KeyDerivation() {
    }

    public static Key32 privateKey(long seed, String label) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        sha.update("wgsim private key v1\0".getBytes(StandardCharsets.UTF_8));
        sha.update(ByteBuffer.allocate(8).putLong(seed).array());
        sha.update(label.getBytes(StandardCharsets.UTF_8));
        byte[] k = sha.digest();
        k[0] &= (byte) 248;
        k[31] &= (byte) 127;
        k[31] |= (byte) 64;
        return new Key32(k);
    }
}
