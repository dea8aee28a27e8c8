package dev.wgsim.engine.nat;

import java.util.List;

/**
 * How a NAT box behaves. Use a {@linkplain #preset preset} or the builder.
 *
 * @param mapping which outbound packets share a mapping (RFC 4787 section 4.1)
 * @param filtering which inbound packets a mapping lets in (section 5)
 * @param ports how external ports are chosen
 * @param portLow lowest external port handed out
 * @param portHigh highest external port handed out
 * @param mappingTimeoutNanos idle time after which a mapping expires; default 30 s, Linux conntrack's
 *     timeout for unreplied UDP ({@code nf_conntrack_udp_timeout})
 * @param inboundRefreshes whether inbound packets also refresh the timer (RFC 4787 REQ-6 allows
 *     either; Linux refreshes on both directions)
 * @param hairpinning whether inside hosts can reach each other through the external address (REQ-9)
 * @param oneToOne a one-to-one NAT: rewrites the address only, keeps ports, lets everything in to
 *     the one inside host (the last inside address seen outbound), never times out
 * @param refreshTraceIntervalNanos {@code nat.mapping.refreshed} is traced at most once per mapping
 *     per this interval, so a busy flow does not emit one event per packet (0 = every refresh)
 */
public record NatConfig(Behavior mapping, Behavior filtering, PortAllocation ports, int portLow, int portHigh,
        long mappingTimeoutNanos, boolean inboundRefreshes, boolean hairpinning, boolean oneToOne,
        long refreshTraceIntervalNanos) {

    public static final long DEFAULT_TIMEOUT_NANOS = 30_000_000_000L;
    public static final List<String> PRESETS = List.of("easy", "easyaf", "hard", "one2one");

    public NatConfig {
        if (mapping == null) {
            throw new IllegalArgumentException("mapping behaviour is required");
        }
        if (filtering == null) {
            throw new IllegalArgumentException("filtering behaviour is required");
        }
        if (ports == null) {
            throw new IllegalArgumentException("port allocation is required");
        }
        if (portLow < 1 || portHigh > 65535 || portLow > portHigh) {
            throw new IllegalArgumentException("port range must satisfy 1 <= low <= high <= 65535, got " + portLow + ".." + portHigh);
        }
        if (mappingTimeoutNanos <= 0) {
            throw new IllegalArgumentException("mapping timeout must be > 0, got " + mappingTimeoutNanos + " ns");
        }
        if (refreshTraceIntervalNanos < 0) {
            throw new IllegalArgumentException("refresh trace interval must be >= 0, got " + refreshTraceIntervalNanos);
        }
    }

    /**
     * The presets named after Tailscale's test networks: {@code easy} (endpoint-independent mapping,
     * address-and-port-dependent filtering, like most home routers), {@code easyaf} (EIM,
     * address-dependent filtering), {@code hard} (address-and-port-dependent mapping and filtering: a
     * symmetric NAT) and {@code one2one}.
     *
     * @throws IllegalArgumentException naming the valid presets
     */
    public static NatConfig preset(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (n) {
            case "easy" -> builder().mapping(Behavior.ENDPOINT_INDEPENDENT).filtering(Behavior.ADDRESS_AND_PORT_DEPENDENT).build();
            case "easyaf" -> builder().mapping(Behavior.ENDPOINT_INDEPENDENT).filtering(Behavior.ADDRESS_DEPENDENT).build();
            case "hard" -> builder().mapping(Behavior.ADDRESS_AND_PORT_DEPENDENT).filtering(Behavior.ADDRESS_AND_PORT_DEPENDENT)
                    .ports(PortAllocation.RANDOM).build();
            case "one2one" -> builder().oneToOne(true).build();
            default -> throw new IllegalArgumentException("nat preset: unknown '" + name + "'; valid presets: " + String.join(", ", PRESETS));
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with Linux-like defaults: EIM, APDF, port preservation, 30 s, both directions refresh, no hairpinning. */
    public static final class Builder {
        private Behavior mapping = Behavior.ENDPOINT_INDEPENDENT;
        private Behavior filtering = Behavior.ADDRESS_AND_PORT_DEPENDENT;
        private PortAllocation ports = PortAllocation.PRESERVE;
        private int low = 1024;
        private int high = 65535;
        private long timeout = DEFAULT_TIMEOUT_NANOS;
        private boolean inboundRefreshes = true;
        private boolean hairpinning;
        private boolean oneToOne;
        private long refreshTrace = 1_000_000_000L;

        public Builder mapping(Behavior b) {
            this.mapping = b;
            return this;
        }

        public Builder filtering(Behavior b) {
            this.filtering = b;
            return this;
        }

        public Builder ports(PortAllocation p) {
            this.ports = p;
            return this;
        }

        public Builder portRange(int low, int high) {
            this.low = low;
            this.high = high;
            return this;
        }

        public Builder mappingTimeoutNanos(long nanos) {
            this.timeout = nanos;
            return this;
        }

        public Builder inboundRefreshes(boolean b) {
            this.inboundRefreshes = b;
            return this;
        }

        public Builder hairpinning(boolean b) {
            this.hairpinning = b;
            return this;
        }

        public Builder oneToOne(boolean b) {
            this.oneToOne = b;
            return this;
        }

        public Builder refreshTraceIntervalNanos(long nanos) {
            this.refreshTrace = nanos;
            return this;
        }

        public NatConfig build() {
            return new NatConfig(mapping, filtering, ports, low, high, timeout, inboundRefreshes, hairpinning, oneToOne, refreshTrace);
        }
    }
}
