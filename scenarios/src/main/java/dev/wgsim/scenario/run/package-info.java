/** Runs a scenario end to end: simulate, check expectations, write the results folder, summarise. */
package dev.wgsim.scenario.run;
