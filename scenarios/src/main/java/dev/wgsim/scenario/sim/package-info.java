/** Wires a typed scenario into a running simulation: sim-engine hosts, links and NATs, with a WgDevice behind every wg interface. */
package dev.wgsim.scenario.sim;
