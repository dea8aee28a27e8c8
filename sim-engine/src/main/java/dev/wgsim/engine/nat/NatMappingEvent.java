package dev.wgsim.engine.nat;

import dev.wgsim.engine.net.Endpoint;
import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/**
 * {@code nat.mapping.created}, {@code nat.mapping.expired} or {@code nat.mapping.refreshed}. For ICMP
 * echo mappings the "port" of each endpoint is the echo identifier.
 */
public record NatMappingEvent(long timeNanos, String kind, String nat, Endpoint internal, Endpoint external, Endpoint remote)
        implements TraceEvent {
    public static final String CREATED = "nat.mapping.created";
    public static final String EXPIRED = "nat.mapping.expired";
    public static final String REFRESHED = "nat.mapping.refreshed";

    @Override
    public void writeFields(JsonFields out) {
        out.put("nat", nat).put("internal", internal.toString()).put("external", external.toString())
                .put("remote", remote.toString());
    }
}
