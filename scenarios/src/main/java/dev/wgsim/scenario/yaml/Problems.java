package dev.wgsim.scenario.yaml;

import dev.wgsim.scenario.ScenarioException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Collects every independent problem of one scenario file, as a compiler does, instead of stopping
 * at the first. A parser runs each independent part (a node, a link, a flow, an expectation, a key
 * of a mapping) through {@link #attempt}: a {@link ScenarioException} there is recorded and parsing
 * goes on with the next part; {@link #throwIfAny()} at the end throws them all as one exception.
 *
 * <p>Once a problem is recorded, a later part may fail only because of it (a flow naming a node
 * whose entry was broken finds no node). Such follow-on failures other than a
 * {@code ScenarioException} are dropped: the first problem already explains them. Without an
 * earlier problem they are bugs and propagate.
 *
 * <p>At {@link #CAP} problems collecting stops: the exception is thrown at once.
 * A {@linkplain #strict() strict} collector throws every problem at once (one error, the old way).
 */
public final class Problems {
    /** The most problems one file reports. */
    public static final int CAP = 20;

    private final boolean strict;
    private final List<ScenarioException> found = new ArrayList<>();
    private final Set<String> messages = new LinkedHashSet<>();
    private boolean full;

    private Problems(boolean strict) {
        this.strict = strict;
    }

    /** A collector that records problems until {@link #CAP}. */
    public static Problems collecting() {
        return new Problems(false);
    }

    /** A collector that throws the first problem reported. */
    public static Problems strict() {
        return new Problems(true);
    }

    /** Records a problem (each of its problems, if it carries several); throws at the cap. */
    public void report(ScenarioException e) {
        if (strict || full) {
            throw e;
        }
        for (ScenarioException p : e.problems()) {
            if (messages.add(p.getMessage())) {
                found.add(p);
            }
            if (found.size() >= CAP) {
                full = true;
                throw ScenarioException.of(found, true);
            }
        }
    }

    /** Runs one independent part; a problem in it is recorded and parsing goes on. */
    public boolean attempt(Runnable part) {
        return attempt(() -> {
            part.run();
            return Boolean.TRUE;
        }).isPresent();
    }

    /** Runs one independent part and returns its value, or empty if it had a problem (now recorded). */
    public <T> Optional<T> attempt(Supplier<T> part) {
        try {
            return Optional.ofNullable(part.get());
        } catch (ScenarioException e) {
            if (strict || full) {
                throw e;
            }
            report(e);
            return Optional.empty();
        } catch (RuntimeException e) {
            if (found.isEmpty() || strict) {
                throw e;
            }
            return Optional.empty(); // a consequence of a problem already recorded
        }
    }

    public boolean any() {
        return !found.isEmpty();
    }

    public int count() {
        return found.size();
    }

    /** Throws every recorded problem as one exception, in file order; does nothing if there is none. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            List<ScenarioException> sorted = new ArrayList<>(found);
            sorted.sort(java.util.Comparator.comparingInt(ScenarioException::line).thenComparingInt(ScenarioException::column));
            throw ScenarioException.of(sorted, false);
        }
    }
}
