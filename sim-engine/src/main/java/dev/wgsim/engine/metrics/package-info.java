/** Recorders of per-flow throughput and latency, drops and NAT mappings over virtual time, and their CSV files. */
package dev.wgsim.engine.metrics;
