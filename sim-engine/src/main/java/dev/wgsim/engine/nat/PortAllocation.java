package dev.wgsim.engine.nat;

/** How a NAT picks the external port of a new mapping (RFC 4787 section 4.2). */
public enum PortAllocation {
    /** Keep the internal port when free (Linux's default), else the next free port after it. */
    PRESERVE,
    /** The next free port from a counter over the port range. */
    SEQUENTIAL,
    /** A uniformly random free port, drawn from the stream {@code nat/<name>/ports}. */
    RANDOM
}
