/** Turns a composed YAML tree into the typed {@link dev.wgsim.scenario.model.Scenario}, checking every reference before anything runs. */
package dev.wgsim.scenario.parse;
