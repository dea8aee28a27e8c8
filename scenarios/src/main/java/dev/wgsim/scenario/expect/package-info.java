/**
 * Checks a run's protocol events and flow metrics against a scenario's expectations, explaining
 * each failure with the events around it: as the run goes ({@link dev.wgsim.scenario.expect.ExpectationWatch},
 * what {@code wgsim run} does, in memory that does not grow with the run) or over a stored event
 * list ({@link dev.wgsim.scenario.expect.Evaluator}, for tests that ask more after the run).
 */
package dev.wgsim.scenario.expect;
