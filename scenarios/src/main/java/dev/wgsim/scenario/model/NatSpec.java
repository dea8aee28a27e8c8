package dev.wgsim.scenario.model;

import dev.wgsim.net.IpAddress;
import java.util.List;

/**
 * A NAT box (RFC 4787 behaviours). {@code outside} may name another NAT: that stacks them
 * (a home NAT behind a carrier-grade NAT).
 *
 * @param preset    the preset it started from ({@code linux}, {@code easy}, {@code easyaf}, {@code hard},
 *                  {@code one2one}) or "custom"
 * @param portLow   lowest external port the NAT hands out
 * @param portHigh  highest external port
 * @param timeout   mapping timeout in nanoseconds (refreshed by outbound traffic); {@code Long.MAX_VALUE}: never
 * @param portMappings leased ports (UPnP / NAT-PMP style) open to anyone, set up at the start
 * @param group     the name as written in the {@code count:} entry this NAT is a copy of (e.g.
 *                  {@code nat-{i}}), or empty
 */
public record NatSpec(
        String name,
        String preset,
        List<IpAddress> publicAddresses,
        List<String> inside,
        String outside,
        Mapping mapping,
        Mapping filtering,
        PortAllocation portAllocation,
        int portLow,
        int portHigh,
        long timeout,
        boolean hairpin,
        List<PortMapping> portMappings,
        String group) {

    public NatSpec {
        publicAddresses = List.copyOf(publicAddresses);
        inside = List.copyOf(inside);
        portMappings = List.copyOf(portMappings);
        group = group == null ? "" : group;
    }

    /** A NAT that is not a copy from a {@code count:} entry. */
    public NatSpec(String name, String preset, List<IpAddress> publicAddresses, List<String> inside, String outside,
                   Mapping mapping, Mapping filtering, PortAllocation portAllocation, int portLow, int portHigh,
                   long timeout, boolean hairpin, List<PortMapping> portMappings) {
        this(name, preset, publicAddresses, inside, outside, mapping, filtering, portAllocation, portLow, portHigh,
                timeout, hairpin, portMappings, "");
    }

    /**
     * A port mapping as a UPnP IGD or NAT-PMP client on {@code node} asks for: external
     * {@code externalPort} forwards to the node's {@code port} for {@code lease} nanoseconds
     * ({@code Long.MAX_VALUE}: until the NAT reboots).
     */
    public record PortMapping(String node, String protocol, int port, int externalPort, long lease) {
    }

    /** RFC 4787 mapping and filtering behaviours; {@code ONE_TO_ONE} is a static 1:1 NAT. */
    public enum Mapping {
        ENDPOINT_INDEPENDENT("endpoint-independent"),
        ADDRESS_DEPENDENT("address-dependent"),
        ADDRESS_AND_PORT_DEPENDENT("address-and-port-dependent"),
        ONE_TO_ONE("one-to-one");

        public final String text;

        Mapping(String text) {
            this.text = text;
        }
    }

    public enum PortAllocation {
        PRESERVE, SEQUENTIAL, RANDOM
    }
}
