/**
 * The interactive cryptokey-routing demo: a live simulation behind a loopback web page (wgsim demo).
 * {@link dev.wgsim.scenario.demo.DemoSession} drives the simulation; {@code DemoCapture} records
 * wg0's packets and handshake secrets (the pcap and keylog downloads); {@code PacketInspector}
 * opens a captured datagram from its bytes; {@code RouteLesson} shows which allowed-IPs row a
 * destination matched; {@code KeyAges} reads the keypair slots; {@code EventWording} puts trace
 * events into words; {@link dev.wgsim.scenario.demo.DemoServer} serves the page and the JSON API.
 */
package dev.wgsim.scenario.demo;
