package dev.wgsim.scenario.sweep;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A sweep run's seed: the first 8 bytes (big-endian, signed) of
 * SHA-256("wgsim-sweep-run" || master seed || run id), both as 8-byte big-endian integers. It
 * depends on nothing but the two numbers, so a run reproduces alone and whatever the order,
 * parallelism or sharding of the sweep (docs/results-format.md).
 */
public final class SweepSeeds {
    private static final byte[] LABEL = "wgsim-sweep-run".getBytes(StandardCharsets.US_ASCII);

    private SweepSeeds() {
    }

    public static long derive(long masterSeed, long runId) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(LABEL);
            d.update(ByteBuffer.allocate(16).putLong(masterSeed).putLong(runId).array());
            return ByteBuffer.wrap(d.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
