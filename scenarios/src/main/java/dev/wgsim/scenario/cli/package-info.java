/** The {@code wgsim} command line: run, check, show and report. */
package dev.wgsim.scenario.cli;
