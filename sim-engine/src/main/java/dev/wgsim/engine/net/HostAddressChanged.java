package dev.wgsim.engine.net;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/** {@code host.address.changed}: an interface of {@code node} got a new address (roaming). */
public record HostAddressChanged(long timeNanos, String node, String iface, String oldAddress, String newAddress)
        implements TraceEvent {
    @Override
    public String kind() {
        return "host.address.changed";
    }

    @Override
    public void writeFields(JsonFields out) {
        out.put("node", node).put("iface", iface).put("old", oldAddress).put("new", newAddress);
    }
}
