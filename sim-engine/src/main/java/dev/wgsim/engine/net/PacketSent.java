package dev.wgsim.engine.net;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/** {@code packet.sent}: a packet left {@code node} through physical interface {@code iface}. */
public record PacketSent(long timeNanos, String node, String iface, IpPacket packet) implements TraceEvent {
    @Override
    public boolean perPacket() {
        return true;
    }

    @Override
    public String kind() {
        return "packet.sent";
    }

    @Override
    public void writeFields(JsonFields out) {
        out.put("node", node).put("iface", iface).put("src", PacketText.source(packet))
                .put("dst", PacketText.destination(packet)).put("bytes", packet.wireLength())
                .put("proto", PacketText.protocol(packet));
    }

    @Override
    public String field(String key) {
        return switch (key) {
            case "node" -> node;
            case "iface" -> iface;
            case "src", "dst", "bytes", "proto" -> TraceEvent.super.field(key);
            default -> null;
        };
    }
}
