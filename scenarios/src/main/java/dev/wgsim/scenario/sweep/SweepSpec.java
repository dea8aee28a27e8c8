package dev.wgsim.scenario.sweep;

import java.util.List;

/**
 * A parsed {@code sweep:} block.
 *
 * @param parameters   swept field paths in the order written (the first varies slowest)
 * @param constraints  conditions every point must meet (all of them)
 * @param replications runs per point, each with its own seed
 * @param masterSeed   the seed run seeds derive from (the block's {@code seed}, else the scenario's)
 */
public record SweepSpec(List<Parameter> parameters, List<Constraint> constraints, int replications, long masterSeed) {
    public SweepSpec {
        parameters = List.copyOf(parameters);
        constraints = List.copyOf(constraints);
    }

    /**
     * One swept field.
     *
     * @param path   an override path as {@code --set} takes it, e.g. {@code links[wan].loss}
     * @param values the values as YAML text, in the order written
     * @param at     where it was written ({@code file:line:col}), for errors about its values
     */
    public record Parameter(String path, List<String> values, Location at) {
        public Parameter {
            values = List.copyOf(values);
        }
    }

    /** Where something was written: the file (or the --set override) with 1-based line and column, 0 when unknown. */
    public record Location(String file, int line, int column) {
    }

    /** {@code left op right}, each side a swept parameter's path or a number. */
    public record Constraint(String text, String left, String op, String right) {
    }
}
