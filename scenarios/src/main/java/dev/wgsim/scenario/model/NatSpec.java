package dev.wgsim.scenario.model;

import dev.wgsim.net.IpAddress;
import java.util.List;

/**
 * A NAT box (RFC 4787 behaviours). {@code outside} may name another NAT: that stacks them
 * (a home NAT behind a carrier-grade NAT).
 *
 * @param preset    the preset it started from ({@code easy}, {@code easyaf}, {@code hard}, {@code one2one}) or "custom"
 * @param timeout   mapping timeout in nanoseconds (refreshed by outbound traffic)
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
        long timeout,
        boolean hairpin) {

    public NatSpec {
        publicAddresses = List.copyOf(publicAddresses);
        inside = List.copyOf(inside);
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
