package dev.wgsim.engine.app;

import dev.wgsim.engine.metrics.FlowMetrics;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.IpPacket;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.time.EventLoop;
import dev.wgsim.net.IpAddress;

/**
 * {@code ping}: ICMP (or ICMPv6) echo requests every interval with increasing sequence numbers,
 * answered by the destination host's stack. Records each reply's RTT in the flow's metrics and a
 * {@code ping.reply} trace event; a request whose reply never comes counts as lost.
 */
public final class PingApp {
    private final Host host;
    private final Network network;
    private final EventLoop loop;
    private final String flow;
    private final FlowMetrics metrics;
    private final IpAddress destination;
    private final int identifier;
    private final int dataBytes;
    /** Every request's echo data (all zeros): a packet's payload is immutable by contract, so they share it. */
    private final byte[] zeros;
    private final long intervalNanos;
    private final int count;
    private final long[] sentAt;
    private int sent;
    private int received;
    private long pending = EventLoop.NO_EVENT;
    private IpAddress source;

    /**
     * Pings {@code destination} {@code count} times, every {@code intervalNanos}, with
     * {@code dataBytes} of echo data (56 like ping's default).
     */
    public PingApp(Host host, String flow, IpAddress destination, long intervalNanos, int count, int dataBytes) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("ping " + flow + ": interval must be > 0, got " + intervalNanos);
        }
        if (count < 1 || count > 65536) {
            throw new IllegalArgumentException("ping " + flow + ": count must be 1..65536, got " + count);
        }
        if (dataBytes < 0 || dataBytes > 65000) {
            throw new IllegalArgumentException("ping " + flow + ": size must be 0..65000, got " + dataBytes);
        }
        this.host = host;
        this.network = host.network();
        this.loop = network.loop();
        this.flow = flow;
        this.metrics = network.flowMetrics(network.flowId(flow));
        this.destination = destination;
        this.identifier = host.allocateEchoIdentifier();
        this.dataBytes = dataBytes;
        this.zeros = new byte[dataBytes];
        this.intervalNanos = intervalNanos;
        this.count = count;
        this.sentAt = new long[count];
        host.registerEcho(identifier, (now, reply) -> onReply(now, reply));
    }

    /**
     * Sends from {@code address} (one of the host's own, as {@code ping -I address}) instead of the
     * address the route picks; null restores the route's choice.
     */
    public void setSource(IpAddress address) {
        if (address != null && (!host.isLocal(address) || address.isV6() != destination.isV6())) {
            throw new IllegalArgumentException("ping " + flow + ": " + address + " is not an address of " + host.name()
                    + " of the destination's family");
        }
        this.source = address;
    }

    /** Sends the first request at {@code atNanos}. */
    public void start(long atNanos) {
        pending = loop.schedule(atNanos, this::fire);
    }

    public void stop() {
        loop.cancel(pending);
    }

    private void fire() {
        long now = loop.now();
        int seq = sent++;
        sentAt[seq] = now;
        IpAddress src = source != null ? source : host.sourceAddressFor(destination);
        metrics.recordSent(now, dataBytes);
        IpPacket request = IpPacket.echoRequest(src == null ? (destination.isV6() ? IpAddress.v6(0, 0) : IpAddress.v4(0)) : src,
                destination, identifier, seq & 0xFFFF, zeros);
        host.send(request);
        if (sent < count) {
            pending = loop.scheduleAfter(intervalNanos, this::fire);
        }
    }

    private void onReply(long now, IpPacket reply) {
        int seq = reply.echoSequence();
        if (seq >= sent || sentAt[seq] < 0) {
            return; // duplicate or unknown: real ping prints DUP! and does not count it
        }
        long rtt = now - sentAt[seq];
        sentAt[seq] = -1;
        received++;
        metrics.recordDelivered(now, reply.payloadLength());
        metrics.recordRtt(now, rtt);
        if (network.trace().packetsActive()) {
            network.trace().emit(new PingReply(now, flow, seq, rtt));
        }
    }

    public int sent() {
        return sent;
    }

    public int received() {
        return received;
    }

    /** Requests sent whose reply has not arrived. */
    public int lost() {
        return sent - received;
    }

    public int identifier() {
        return identifier;
    }
}
