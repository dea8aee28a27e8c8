/**
 * Wires a typed scenario into a running simulation and changes it while it runs: {@code Simulation}
 * (the public door: build, run, and the run-time API), {@code OuterNetwork} (hosts, links, NATs,
 * routes), {@code WgInterfaces} (a {@code WgTunnel} with its WgDevice behind every wg interface, its
 * routes and peers), {@code TrafficFlows} (the applications), {@code Bind}/{@code UdpBind} (where a
 * device's datagrams go), and the trace events of protocol and configuration changes.
 */
package dev.wgsim.scenario.sim;
