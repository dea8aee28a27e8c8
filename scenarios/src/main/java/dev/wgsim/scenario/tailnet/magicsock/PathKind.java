package dev.wgsim.scenario.tailnet.magicsock;

/** How packets to a peer travel now, as the vmtest route classes name them. */
public enum PathKind {
    /** No path: no trusted UDP address and no home DERP known for the peer. */
    NONE("none"),
    /** Through the peer's home DERP region. */
    RELAYED("relayed"),
    /** Straight over UDP to a public (NAT-reflexive or open) endpoint. */
    DIRECT("direct"),
    /** Straight over UDP to a private address: the two are on one LAN. */
    LOCAL("local");

    private final String label;

    PathKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
