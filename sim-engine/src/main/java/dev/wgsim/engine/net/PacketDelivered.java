package dev.wgsim.engine.net;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/** {@code packet.delivered}: a packet reached a socket or the echo responder of {@code node}. */
public record PacketDelivered(long timeNanos, String node, IpPacket packet) implements TraceEvent {
    @Override
    public boolean perPacket() {
        return true;
    }

    @Override
    public String kind() {
        return "packet.delivered";
    }

    @Override
    public void writeFields(JsonFields out) {
        out.put("node", node).put("src", PacketText.source(packet)).put("dst", PacketText.destination(packet))
                .put("bytes", packet.wireLength());
    }

    @Override
    public String field(String key) {
        return switch (key) {
            case "node" -> node;
            case "src", "dst", "bytes" -> TraceEvent.super.field(key);
            default -> null;
        };
    }
}
