package dev.wgsim.engine.stream;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/**
 * {@code tcp.connected} (handshake done), {@code tcp.closed} (with the reason) or
 * {@code tcp.retransmit} (a timeout fired; {@code detail} is the timeout that expired, in ns).
 */
public record TcpEvent(long timeNanos, String kind, String host, Endpoint local, Endpoint remote, String reason, long detail)
        implements TraceEvent {
    public static final String CONNECTED = "tcp.connected";
    public static final String CLOSED = "tcp.closed";
    public static final String RETRANSMIT = "tcp.retransmit";

    @Override
    public void writeFields(JsonFields out) {
        out.put("host", host).put("local", local.toString()).put("remote", remote.toString());
        if (!reason.isEmpty()) {
            out.put("reason", reason);
        }
        if (kind.equals(RETRANSMIT)) {
            out.put("rto_ns", detail);
        }
    }
}
