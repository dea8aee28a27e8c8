package dev.wgsim.scenario.model;

import dev.wgsim.net.IpAddress;
import java.util.List;
import java.util.Optional;

/**
 * A host (or a router, which forwards between its links).
 *
 * @param addresses outer addresses, first one primary
 * @param group     the name as written in the {@code count:} entry this node is a copy of (e.g.
 *                  {@code spoke-{i}}), or empty; summary.json lists a large network's copies as
 *                  one entry under this name
 */
public record NodeSpec(String name, List<IpAddress> addresses, boolean router, Optional<WireGuardSpec> wireguard,
                       String group) {
    public NodeSpec {
        addresses = List.copyOf(addresses);
        group = group == null ? "" : group;
    }

    /** A node that is not a copy from a {@code count:} entry. */
    public NodeSpec(String name, List<IpAddress> addresses, boolean router, Optional<WireGuardSpec> wireguard) {
        this(name, addresses, router, wireguard, "");
    }
}
