package dev.wgsim.engine.app;

import dev.wgsim.engine.metrics.FlowMetrics;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.UdpSocket;
import dev.wgsim.engine.time.EventLoop;

/**
 * A bulk transfer of {@code totalBytes} as UDP datagrams paced by a fixed window: at most
 * {@code window} datagrams are unacknowledged; each acknowledgement from a {@link FlowSink} (created
 * with acknowledgements on) releases the next one. A datagram not acknowledged within
 * {@code timeoutNanos} is given up (its slot is released) and <b>not retransmitted</b>: this is a
 * window-paced sender for measuring goodput and latency under load, not TCP (no congestion control,
 * no retransmission, no in-order delivery).
 */
public final class BulkTransfer {
    private final EventLoop loop;
    private final String flow;
    private final int flowId;
    private final FlowMetrics metrics;
    private final UdpSocket socket;
    private final Endpoint destination;
    private final long totalBytes;
    private final int payloadBytes;
    private final int window;
    private final long timeoutNanos;
    private final long[] sentAt;
    /** Per window slot, the pending timeout of the datagram in it (so {@link #stop} can cancel it). */
    private final long[] timeoutAt;
    private long startEvent = EventLoop.NO_EVENT;
    private boolean stopped;
    private long nextSequence;
    private long bytesSent;
    private long acked;
    private long timedOut;
    private int inFlight;
    private long completedAt = -1;

    public BulkTransfer(Host host, String flow, Endpoint destination, long totalBytes, int payloadBytes, int window, long timeoutNanos) {
        if (totalBytes <= 0) {
            throw new IllegalArgumentException("bulk " + flow + ": bytes must be > 0, got " + totalBytes);
        }
        if (payloadBytes < FlowHeader.LENGTH || payloadBytes > 65507) {
            throw new IllegalArgumentException("bulk " + flow + ": size must be " + FlowHeader.LENGTH + "..65507, got " + payloadBytes);
        }
        if (window < 1 || window > 1 << 20) {
            throw new IllegalArgumentException("bulk " + flow + ": window must be 1..1048576 datagrams, got " + window);
        }
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("bulk " + flow + ": timeout must be > 0, got " + timeoutNanos);
        }
        Network network = host.network();
        this.loop = network.loop();
        this.flow = flow;
        this.flowId = network.flowId(flow);
        this.metrics = network.flowMetrics(flowId);
        this.destination = destination;
        this.totalBytes = totalBytes;
        this.payloadBytes = payloadBytes;
        this.window = window;
        this.timeoutNanos = timeoutNanos;
        this.sentAt = new long[window];
        java.util.Arrays.fill(sentAt, -1);
        this.timeoutAt = new long[window];
        this.socket = host.bind(0, (now, src, dst, payload) -> onAck(payload));
    }

    public void start(long atNanos) {
        startEvent = loop.schedule(atNanos, this::fill);
    }

    /**
     * Gives the transfer up now (its host leaves the simulation): nothing more is sent, the
     * datagrams in flight are no longer timed, and the acknowledgement port is closed.
     */
    public void stop() {
        stopped = true;
        loop.cancel(startEvent);
        for (long handle : timeoutAt) {
            loop.cancel(handle);
        }
        socket.close();
    }

    private void fill() {
        while (!stopped && inFlight < window && bytesSent < totalBytes) {
            long now = loop.now();
            int size = (int) Math.min(payloadBytes, Math.max(FlowHeader.LENGTH, totalBytes - bytesSent));
            long seq = nextSequence++;
            int slot = (int) (seq % window);
            sentAt[slot] = seq;
            inFlight++;
            bytesSent += size;
            metrics.recordSent(now, size);
            socket.send(destination, FlowHeader.payload(size, flowId, seq, now));
            timeoutAt[slot] = loop.scheduleAfter(timeoutNanos, () -> onTimeout(seq));
        }
        checkDone();
    }

    private void onAck(byte[] payload) {
        if (payload.length < FlowHeader.LENGTH || FlowHeader.flowId(payload) != flowId) {
            return;
        }
        long seq = FlowHeader.sequence(payload);
        int slot = (int) (seq % window);
        if (seq < 0 || sentAt[slot] != seq) {
            return; // late ack for a datagram already given up
        }
        sentAt[slot] = -1;
        inFlight--;
        acked++;
        fill();
    }

    private void onTimeout(long seq) {
        int slot = (int) (seq % window);
        if (sentAt[slot] != seq) {
            return;
        }
        sentAt[slot] = -1;
        inFlight--;
        timedOut++;
        fill();
    }

    private void checkDone() {
        if (completedAt < 0 && bytesSent >= totalBytes && inFlight == 0) {
            completedAt = loop.now();
        }
    }

    public String flow() {
        return flow;
    }

    /** Virtual time when every datagram was acknowledged or given up, or -1 while running. */
    public long completedAt() {
        return completedAt;
    }

    public long acknowledged() {
        return acked;
    }

    public long timedOut() {
        return timedOut;
    }

    public long bytesSent() {
        return bytesSent;
    }
}
