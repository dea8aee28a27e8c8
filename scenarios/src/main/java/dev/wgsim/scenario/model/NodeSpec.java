package dev.wgsim.scenario.model;

import dev.wgsim.net.IpAddress;
import java.util.List;
import java.util.Optional;

/**
 * A host (or a router, which forwards between its links).
 *
 * @param addresses outer addresses, first one primary
 */
public record NodeSpec(String name, List<IpAddress> addresses, boolean router, Optional<WireGuardSpec> wireguard) {
    public NodeSpec {
        addresses = List.copyOf(addresses);
    }
}
