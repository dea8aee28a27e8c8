package dev.wgsim.engine.app;

import dev.wgsim.engine.metrics.FlowMetrics;
import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.net.Host;
import dev.wgsim.engine.net.Network;
import dev.wgsim.engine.net.UdpSocket;

/**
 * Receives application datagrams on a UDP port and records, per flow (from the header's flow id),
 * delivered bytes (UDP payload) and one-way latency into the flow's metrics. Optionally answers each
 * datagram with a header-only acknowledgement (what {@link BulkTransfer} paces itself on).
 */
public final class FlowSink {
    private final Network network;
    private final UdpSocket socket;
    private final boolean acknowledge;
    private long received;
    private long malformed;

    /** Binds {@code port} on {@code host}. */
    public FlowSink(Host host, int port, boolean acknowledge) {
        this.network = host.network();
        this.acknowledge = acknowledge;
        this.socket = host.bind(port, this::onDatagram);
    }

    public FlowSink(Host host, int port) {
        this(host, port, false);
    }

    public int port() {
        return socket.port();
    }

    /** Datagrams received with a valid header. */
    public long received() {
        return received;
    }

    /** Datagrams too short for a header or naming an unknown flow. */
    public long malformed() {
        return malformed;
    }

    private void onDatagram(long now, Endpoint source, Endpoint destination, byte[] payload) {
        if (payload.length < FlowHeader.LENGTH) {
            malformed++;
            return;
        }
        int id = FlowHeader.flowId(payload);
        FlowMetrics metrics = network.flowMetrics(id);
        if (metrics == null) {
            malformed++;
            return;
        }
        received++;
        long latency = now - FlowHeader.sendNanos(payload);
        metrics.recordDelivered(now, payload.length, Math.max(0, latency));
        if (network.trace().packetsActive()) {
            network.trace().emit(new FlowDelivered(now, network.flowName(id), payload.length, latency));
        }
        if (acknowledge) {
            byte[] ack = FlowHeader.payload(FlowHeader.LENGTH, id, FlowHeader.sequence(payload), FlowHeader.sendNanos(payload));
            socket.send(source, ack);
        }
    }

    public void close() {
        socket.close();
    }
}
