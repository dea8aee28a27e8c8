package dev.wgsim.engine.random;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The random streams of one simulation run: one {@link RandomStream} per stable name, each
 * derived from (seed, name) alone, so adding a component never changes another's draws.
 */
public final class RandomStreams {

    private final long seed;
    private final Map<String, RandomStream> streams = new HashMap<>();

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    /** The run's seed. */
    public long seed() {
        return seed;
    }

    /**
     * The stream called {@code name} (e.g. {@code link/home-isp/loss}, {@code node/phone/wg}); the
     * same instance for the same name on this object.
     */
    public RandomStream stream(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("stream name must not be empty");
        }
        return streams.computeIfAbsent(name, n -> new RandomStream(seed, n));
    }
}
