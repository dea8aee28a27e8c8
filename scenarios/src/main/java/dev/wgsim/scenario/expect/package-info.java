/** Checks a run's protocol events and flow metrics against a scenario's expectations, explaining each failure with the events around it. */
package dev.wgsim.scenario.expect;
