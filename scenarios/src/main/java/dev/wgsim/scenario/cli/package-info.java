/**
 * The {@code wgsim} command line ({@link dev.wgsim.scenario.cli.WgsimCommand} lists them): run, sweep,
 * merge, compare, test, check, show, report and live; {@code demo} lives in {@code scenario.demo}.
 */
package dev.wgsim.scenario.cli;
