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
 * @param mappingTimeoutNanos idle time after which a UDP or ICMP mapping expires; default 30 s, Linux
 *     conntrack's timeout for unreplied UDP ({@code nf_conntrack_udp_timeout}); {@link #NO_EXPIRY}: never
 * @param tcpTimeoutNanos idle time after which a TCP mapping expires; default 2 h 4 min, RFC 5382
 *     REQ-5's floor for established connections (Linux keeps them 5 days); {@link #NO_EXPIRY}: never
 * @param inboundRefreshes whether inbound packets also refresh the timer (RFC 4787 REQ-6 allows
 *     either; Linux refreshes on both directions)
 * @param hairpinning whether inside hosts can reach each other through the external address (REQ-9)
 * @param oneToOne a one-to-one NAT: rewrites the address only, keeps ports, lets everything in to
 *     the one inside host (the last inside address seen outbound), never times out
 * @param refreshTraceIntervalNanos {@code nat.mapping.refreshed} is traced at most once per mapping
 *     per this interval, so a busy flow does not emit one event per packet (0 = every refresh)
 */
public record NatConfig(Behavior mapping, Behavior filtering, PortAllocation ports, int portLow, int portHigh,
        long mappingTimeoutNanos, long tcpTimeoutNanos, boolean inboundRefreshes, boolean hairpinning, boolean oneToOne,
        long refreshTraceIntervalNanos) {

    public static final long DEFAULT_TIMEOUT_NANOS = 30_000_000_000L;
    /** RFC 5382 REQ-5: an established TCP mapping lasts at least 2 hours and 4 minutes idle. */
    public static final long DEFAULT_TCP_TIMEOUT_NANOS = 7_440_000_000_000L;
    /** A timeout that never fires (vnet's {@code hard} NAT keeps its mappings for ever). */
    public static final long NO_EXPIRY = Long.MAX_VALUE;
    /** vnet's easy/hard NATs draw external ports from the upper half of the port space. */
    public static final int VNET_PORT_LOW = 32768;
    /** vnet's easy NAT lets a remote in for 300 s after the last packet sent to it. */
    public static final long VNET_EASY_TIMEOUT_NANOS = 300_000_000_000L;
    public static final List<String> PRESETS = List.of("easy", "easyaf", "hard", "one2one", "linux");

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
        if (tcpTimeoutNanos <= 0) {
            throw new IllegalArgumentException("TCP mapping timeout must be > 0, got " + tcpTimeoutNanos + " ns");
        }
        if (refreshTraceIntervalNanos < 0) {
            throw new IllegalArgumentException("refresh trace interval must be >= 0, got " + refreshTraceIntervalNanos);
        }
    }

    /**
     * The presets of Tailscale's vnet test networks ({@code tstest/natlab/vnet/nat.go}), as the
     * research note's section 2 table describes them:
     * <ul>
     * <li>{@code one2one}: the LAN address fixed to the WAN address, ports kept, no filter, no expiry
     *     (a cloud VM with a public IP);
     * <li>{@code easy}: endpoint-independent mapping to a random free port in 32768..65535, inbound
     *     only from an exact ip:port sent to in the last 300 s (Linux, most home routers);
     * <li>{@code easyaf}: as easy but filtering on the address only ("VoIP helper" modems);
     * <li>{@code hard}: a new random port in 32768..65535 per (source, destination) pair, inbound only
     *     from that destination, no expiry (pf, OPNsense, pfSense).
     * </ul>
     * vnet keeps easy's port for ever and only ages the filter; here the filter shares the mapping's
     * timer (as Linux conntrack does), so after 300 s idle the next packet may get a new port.
     * {@code linux} is {@link #linuxMasquerade()}, the scenario format's default.
     *
     * @throws IllegalArgumentException naming the valid presets
     */
    public static NatConfig preset(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (n) {
            case "easy" -> vnetEasy(Behavior.ADDRESS_AND_PORT_DEPENDENT);
            case "easyaf" -> vnetEasy(Behavior.ADDRESS_DEPENDENT);
            case "hard" -> builder().mapping(Behavior.ADDRESS_AND_PORT_DEPENDENT).filtering(Behavior.ADDRESS_AND_PORT_DEPENDENT)
                    .ports(PortAllocation.RANDOM).portRange(VNET_PORT_LOW, 65535).mappingTimeoutNanos(NO_EXPIRY).build();
            case "one2one" -> builder().oneToOne(true).build();
            case "linux" -> linuxMasquerade();
            default -> throw new IllegalArgumentException("nat preset: unknown '" + name + "'; valid presets: " + String.join(", ", PRESETS));
        };
    }

    private static NatConfig vnetEasy(Behavior filtering) {
        return builder().mapping(Behavior.ENDPOINT_INDEPENDENT).filtering(filtering).ports(PortAllocation.RANDOM)
                .portRange(VNET_PORT_LOW, 65535).mappingTimeoutNanos(VNET_EASY_TIMEOUT_NANOS).build();
    }

    /**
     * Linux {@code iptables -j MASQUERADE} with default sysctls: endpoint-independent mapping that keeps
     * the source port when free, replies only from the exact remote (conntrack), 30 s UDP timeout
     * refreshed both ways. The builder's defaults.
     */
    public static NatConfig linuxMasquerade() {
        return builder().build();
    }

    /** True when {@code timeoutNanos} is {@link #NO_EXPIRY}. */
    public static boolean never(long timeoutNanos) {
        return timeoutNanos == NO_EXPIRY;
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
        private long tcpTimeout = DEFAULT_TCP_TIMEOUT_NANOS;
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

        public Builder tcpTimeoutNanos(long nanos) {
            this.tcpTimeout = nanos;
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
            return new NatConfig(mapping, filtering, ports, low, high, timeout, tcpTimeout, inboundRefreshes, hairpinning, oneToOne, refreshTrace);
        }
    }
}
