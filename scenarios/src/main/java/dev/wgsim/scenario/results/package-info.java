/** The results folder of one run (docs/results-format.md), written whole or not at all. */
package dev.wgsim.scenario.results;
