package dev.wgsim.engine.net;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/** {@code packet.dropped}: a host, NAT or link ({@code atLink}) dropped a packet for {@code reason}. */
public record PacketDropped(long timeNanos, String where, boolean atLink, DropReason reason, IpPacket packet)
        implements TraceEvent {
    @Override
    public String kind() {
        return "packet.dropped";
    }

    @Override
    public void writeFields(JsonFields out) {
        out.put(atLink ? "link" : "node", where).put("reason", reason.wireName())
                .put("src", PacketText.source(packet)).put("dst", PacketText.destination(packet))
                .put("bytes", packet.wireLength());
    }

    @Override
    public String field(String key) {
        return switch (key) {
            case "node" -> atLink ? null : where;
            case "link" -> atLink ? where : null;
            case "reason" -> reason.wireName();
            case "src", "dst", "bytes" -> TraceEvent.super.field(key);
            default -> null;
        };
    }
}
