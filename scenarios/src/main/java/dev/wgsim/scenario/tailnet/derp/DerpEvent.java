package dev.wgsim.scenario.tailnet.derp;

import dev.wgsim.engine.trace.JsonFields;
import dev.wgsim.engine.trace.TraceEvent;

/**
 * {@code derp.connected} (a client logged in; {@code peer} its key), {@code derp.disconnected}
 * ({@code reason}), {@code derp.preferred} ({@code home}: the client's NotePreferred) or
 * {@code derp.dropped} (a packet the relay dropped: {@code reason} {@code unknown_dest} or
 * {@code queue_full}, {@code peer} the destination, {@code bytes}).
 */
public record DerpEvent(long timeNanos, String kind, String server, int region, String peer, String reason, long bytes)
        implements TraceEvent {
    public static final String CONNECTED = "derp.connected";
    public static final String DISCONNECTED = "derp.disconnected";
    public static final String PREFERRED = "derp.preferred";
    public static final String DROPPED = "derp.dropped";

    @Override
    public void writeFields(JsonFields out) {
        out.put("server", server).put("region", region).put("peer", peer);
        switch (kind) {
            case DISCONNECTED -> out.put("reason", reason);
            case PREFERRED -> out.put("home", reason.equals("home"));
            case DROPPED -> out.put("reason", reason).put("bytes", bytes);
            default -> {
            }
        }
    }
}
