/**
 * A reliable, ordered, delayed byte stream over the simulated network: a minimal TCP (real segments
 * through links and NATs: three-way handshake, cumulative ACKs, RFC 6298 retransmission timer with
 * backoff, in-order delivery with head-of-line blocking, FIN and RST), and on top of it a TLS 1.3
 * cost model with message framing, for control and relay protocols that run over TCP/TLS.
 */
package dev.wgsim.engine.stream;
