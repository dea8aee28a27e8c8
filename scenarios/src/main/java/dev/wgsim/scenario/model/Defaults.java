package dev.wgsim.scenario.model;

import java.time.Instant;

/** Every default of the scenario format, in one place (the JSON Schema documents the same values). */
public final class Defaults {
    private Defaults() {
    }

    public static final long SEED = 1;
    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    public static final long METRICS_BIN = 1_000_000_000L;
    public static final String INTERFACE = "wg0";

    public static final long LINK_DELAY = 0;
    public static final long LINK_JITTER = 0;
    public static final long LINK_RATE = 0;
    public static final int LINK_QUEUE_PACKETS = 1000;
    public static final int LINK_MTU = 1500;

    /** A NAT without a preset or behaviours is Linux MASQUERADE (EIM, APDF, ports kept, 30 s). */
    public static final String NAT_PRESET = "linux";
    /** NAT-PMP's recommended lease (RFC 6886 section 3.3: 7200 s). */
    public static final long PORT_MAPPING_LEASE = 7_200_000_000_000L;

    public static final long TRAFFIC_SIZE = 1000;
    public static final long TRAFFIC_RATE = 1_000_000;
    public static final long PING_INTERVAL = 1_000_000_000L;
    public static final long PING_SIZE = 56;
    public static final long ONOFF_ON = 1_000_000_000L;
    public static final long ONOFF_OFF = 1_000_000_000L;
    public static final int TRAFFIC_PORT = 9000;

    public static final int SNAPLEN = 65535;
    public static final boolean KEYLOG = true;

    /** bulk: datagrams in flight, and how long one may stay unacknowledged before it is given up. */
    public static final int BULK_WINDOW = 64;
    public static final long BULK_TIMEOUT = 1_000_000_000L;

    public static final int WG_OVERHEAD = 60;
}
