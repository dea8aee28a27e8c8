/** The WireGuard interface and its peers as a sans-I/O state machine: datagrams, inner packets and virtual time in; datagrams, deliveries, drops, events and one deadline out. */
package dev.wgsim.wg.device;
