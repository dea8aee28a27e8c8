package dev.wgsim.engine.app;

import dev.wgsim.engine.metrics.FlowMetrics;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.UdpSocket;
import dev.wgsim.engine.random.Distribution;
import dev.wgsim.engine.random.RandomStream;
import dev.wgsim.engine.time.EventLoop;

/**
 * A traffic source sending fixed-size datagrams of one named flow to a destination endpoint, with the
 * gaps between sends chosen by a {@link Gaps} policy: constant bit rate, Poisson, or on/off bursts.
 * It runs between a start and a stop time and can be stopped and restarted (scheduled traffic events).
 */
public final class UdpSource {
    /** Chooses the time to the next send. */
    public interface Gaps {
        /** Nanoseconds until the next datagram after one sent at {@code now}. */
        long next(long now);
    }

    private final Network network;
    private final EventLoop loop;
    private final String flow;
    private final int flowId;
    private final FlowMetrics metrics;
    private final UdpSocket socket;
    private final Endpoint destination;
    private final int payloadBytes;
    private final Gaps gaps;
    private long sequence;
    private long stopAt = Long.MAX_VALUE;
    private long pending = EventLoop.NO_EVENT;

    private UdpSource(Host host, String flow, Endpoint destination, int payloadBytes, Gaps gaps) {
        if (flow == null || flow.isEmpty()) {
            throw new IllegalArgumentException("flow name is empty");
        }
        if (payloadBytes < FlowHeader.LENGTH || payloadBytes > 65507) {
            throw new IllegalArgumentException("flow " + flow + ": size must be " + FlowHeader.LENGTH + "..65507 bytes, got " + payloadBytes);
        }
        this.network = host.network();
        this.loop = network.loop();
        this.flow = flow;
        this.flowId = network.flowId(flow);
        this.metrics = network.flowMetrics(flowId);
        this.socket = host.bind(0, (now, src, dst, payload) -> { });
        this.destination = destination;
        this.payloadBytes = payloadBytes;
        this.gaps = gaps;
    }

    /** Constant bit rate: one datagram of {@code payloadBytes} every {@code intervalNanos}. */
    public static UdpSource constantBitRate(Host host, String flow, Endpoint destination, int payloadBytes, long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("flow " + flow + ": interval must be > 0, got " + intervalNanos);
        }
        return new UdpSource(host, flow, destination, payloadBytes, now -> intervalNanos);
    }

    /** Constant bit rate given as a UDP payload rate in bit/s. */
    public static UdpSource constantRate(Host host, String flow, Endpoint destination, int payloadBytes, long bitsPerSecond) {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("flow " + flow + ": rate must be > 0, got " + bitsPerSecond);
        }
        return constantBitRate(host, flow, destination, payloadBytes, Math.max(1, payloadBytes * 8L * 1_000_000_000L / bitsPerSecond));
    }

    /** Poisson arrivals: exponential gaps with mean {@code meanIntervalNanos}, from stream {@code app/<flow>/gaps}. */
    public static UdpSource poisson(Host host, String flow, Endpoint destination, int payloadBytes, long meanIntervalNanos) {
        if (meanIntervalNanos <= 0) {
            throw new IllegalArgumentException("flow " + flow + ": mean interval must be > 0, got " + meanIntervalNanos);
        }
        RandomStream rng = host.network().random().stream("app/" + flow + "/gaps");
        return new UdpSource(host, flow, destination, payloadBytes,
                now -> Math.max(1, (long) rng.exponential(meanIntervalNanos)));
    }

    /**
     * On/off bursts: during an on period (length drawn from {@code onNanos}) one datagram every
     * {@code intervalNanos}; then silence for a period drawn from {@code offNanos}. Exponential periods
     * give a Markov on/off source, Pareto periods self-similar traffic. Streams: {@code app/<flow>/on},
     * {@code app/<flow>/off}.
     */
    public static UdpSource onOff(Host host, String flow, Endpoint destination, int payloadBytes, long intervalNanos,
            Distribution onNanos, Distribution offNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("flow " + flow + ": interval must be > 0, got " + intervalNanos);
        }
        if (onNanos == null || offNanos == null) {
            throw new IllegalArgumentException("flow " + flow + ": on and off distributions are required");
        }
        RandomStream on = host.network().random().stream("app/" + flow + "/on");
        RandomStream off = host.network().random().stream("app/" + flow + "/off");
        return new UdpSource(host, flow, destination, payloadBytes, new Gaps() {
            private long onUntil = -1;

            @Override
            public long next(long now) {
                if (onUntil < 0) {
                    onUntil = now + (long) Math.max(intervalNanos, onNanos.sample(on));
                }
                if (now + intervalNanos < onUntil) {
                    return intervalNanos;
                }
                // The on period is over: stay silent for an off period, then start a new burst.
                long start = Math.max(onUntil, now + 1) + (long) Math.max(0, offNanos.sample(off));
                onUntil = start + (long) Math.max(intervalNanos, onNanos.sample(on));
                return start - now;
            }
        });
    }

    public String flow() {
        return flow;
    }

    /** Local UDP port the source sends from. */
    public int port() {
        return socket.port();
    }

    /** Datagrams sent so far. */
    public long sent() {
        return sequence;
    }

    /** Sends the first datagram at {@code atNanos} and keeps going until {@code stopNanos} (exclusive). */
    public void start(long atNanos, long stopNanos) {
        if (stopNanos < atNanos) {
            throw new IllegalArgumentException("flow " + flow + ": stop " + stopNanos + " before start " + atNanos);
        }
        stop();
        this.stopAt = stopNanos;
        pending = loop.schedule(atNanos, this::fire);
    }

    /** Stops sending now. */
    public void stop() {
        loop.cancel(pending);
        pending = EventLoop.NO_EVENT;
    }

    private void fire() {
        long now = loop.now();
        if (now >= stopAt) {
            pending = EventLoop.NO_EVENT;
            return;
        }
        byte[] payload = FlowHeader.payload(payloadBytes, flowId, sequence++, now);
        metrics.recordSent(now, payloadBytes);
        socket.send(destination, payload);
        pending = loop.scheduleAfter(gaps.next(now), this::fire);
    }
}
