/** The simulated IP network: addresses, real IPv4/IPv6 packets, hosts with routing tables, UDP sockets, ICMP echo and tunnel interfaces. */
package dev.wgsim.engine.net;
