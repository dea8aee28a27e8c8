package dev.wgsim.wg.crypto;

/**
 * Randomness handed to the protocol. The simulator adapts a named seeded stream, the live driver
 * a {@code SecureRandom}; nothing in wg-model draws randomness any other way.
 */
public interface Entropy {
    /** Fills {@code b} completely. */
    void nextBytes(byte[] b);

    /** Uniform in [0, bound). */
    int nextInt(int bound);

    /** Adapts any {@link java.util.Random} (a seeded one in tests and simulation, SecureRandom live). */
    static Entropy of(java.util.Random random) {
        return new Entropy() {
            @Override public void nextBytes(byte[] b) { random.nextBytes(b); }
            @Override public int nextInt(int bound) { return random.nextInt(bound); }
        };
    }
}
