/**
 * The interactive cryptokey-routing demo: a live simulation behind a loopback web page (wgsim demo).
 * {@link dev.wgsim.scenario.demo.DemoSession} carries out the page's actions through the
 * simulation's run-time API, on the scenario as {@code DemoScenario} reshapes it; {@code DemoPeers}
 * holds wg0's rows, {@code WgTableView} answers questions of the live table, {@code AddressPool}
 * finds free addresses, {@code PeerNode} specifies the node behind a peer added with a generated
 * key, {@code PeerForm} (with {@code PeerFormTable}) checks the Add peer form; {@code Flight} follows
 * the packet of one action; {@code DemoTraceLog} turns the trace into log lines with
 * {@code EventWording}; {@code DemoStateView} projects the simulation onto {@code DemoState};
 * {@code DemoCapture} records wg0's packets and handshake secrets (the pcap and keylog downloads);
 * {@code PacketInspector} opens a captured datagram from its bytes; {@code RouteLesson} shows which
 * allowed-IPs row a destination matched; {@code KeyAges} reads the keypair slots;
 * {@link dev.wgsim.scenario.demo.DemoServer} serves the page and the JSON API.
 */
package dev.wgsim.scenario.demo;
