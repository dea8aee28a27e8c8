package dev.wgsim.engine.nat;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/** {@code nat.reboot}: a NAT box restarted and lost all its mappings. */
public record NatRebooted(long timeNanos, String nat, long mappingsLost) implements TraceEvent {
    @Override
    public String kind() {
        return "nat.reboot";
    }

    @Override
    public void writeFields(JsonFields out) {
        out.put("nat", nat).put("mappings_lost", mappingsLost);
    }
}
