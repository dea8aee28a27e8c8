/**
 * Sweeps: a scenario's {@code sweep:} block (parameters by field path with lists or ranges,
 * constraints, replications) expanded into numbered runs whose seeds derive from (master seed,
 * run id); run locally in parallel, resumed, sharded and merged, with one CSV row per run and
 * per-point aggregates (mean, standard deviation, 95% Student-t interval).
 */
package dev.wgsim.scenario.sweep;
