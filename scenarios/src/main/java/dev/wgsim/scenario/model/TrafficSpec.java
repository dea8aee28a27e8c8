package dev.wgsim.scenario.model;

import dev.wgsim.net.IpAddress;

/**
 * A traffic flow from a node to an address (an inner tunnel address or an outer one).
 *
 * @param kind     the application model
 * @param to       as written: a node name or an address
 * @param dst      the resolved destination address
 * @param tunnel   whether {@code dst} is an inner (tunnel) address
 * @param rate     bits per second (cbr, poisson mean, onoff while on; bulk: 0 = as fast as the path allows)
 * @param size     payload bytes per packet
 * @param start    first send, nanoseconds
 * @param stop     last send bound, nanoseconds (the scenario duration when not given)
 * @param on       onoff: burst length
 * @param off      onoff: silence length
 * @param interval ping: time between echo requests
 * @param total    bulk: bytes to transfer
 * @param port     destination UDP port of the sink
 * @param srcAddr  explicit inner source address (to show allowed-IPs drops), or null for the default
 * @param group    the name as written in a {@code count:} entry (e.g. {@code ping-{i}}) for the
 *                 flows made from one template, which summary.json aggregates; empty otherwise
 */
public record TrafficSpec(
        String name,
        Kind kind,
        String from,
        String to,
        IpAddress dst,
        boolean tunnel,
        long rate,
        long size,
        long start,
        long stop,
        long on,
        long off,
        long interval,
        long total,
        int port,
        IpAddress srcAddr,
        String group) {

    public TrafficSpec {
        group = group == null ? "" : group;
    }

    /** A flow not made from a template. */
    public TrafficSpec(String name, Kind kind, String from, String to, IpAddress dst, boolean tunnel, long rate, long size,
                       long start, long stop, long on, long off, long interval, long total, int port, IpAddress srcAddr) {
        this(name, kind, from, to, dst, tunnel, rate, size, start, stop, on, off, interval, total, port, srcAddr, "");
    }

    public enum Kind { CBR, POISSON, ONOFF, PING, BULK }
}
